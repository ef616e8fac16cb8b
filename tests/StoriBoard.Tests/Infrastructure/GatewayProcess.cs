using System.Collections.Concurrent;
using System.Diagnostics;

namespace StoriBoard.Tests.Infrastructure;

/// <summary>How to start one gateway (or grains-only silo) process.</summary>
public sealed record HostSettings
{
    public string? Redis { get; init; }

    public string ServiceId { get; init; } = $"test-{Guid.NewGuid():N}";

    public string AdminKey { get; init; } = "test-admin-key";

    /// <summary>The signing key every gateway of one cluster shares (required with Redis); kept by <see cref="Another"/>.</summary>
    public string TokenKey { get; init; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// The edge limits, per client address: every test connects from loopback, so by default they are far above what
    /// any test does; a test of the limits sets its own in <see cref="Environment"/>.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> RoomyLimits = new Dictionary<string, string>
    {
        ["StoriBoard__Limits__SessionsPerWindow"] = "100000",
        ["StoriBoard__Limits__ResumesPerWindow"] = "100000",
        ["StoriBoard__Limits__StaffSignInsPerWindow"] = "100000",
        ["StoriBoard__Limits__NegotiationsPerWindow"] = "100000",
        ["StoriBoard__Limits__AdminKeyFailures"] = "100000",
        ["StoriBoard__Limits__AdminKeyFailureDelay"] = "00:00:00",
    };

    public string Topology { get; init; } = "cohosted";

    /// <summary>The host's address: its silo listens and is reached there, and so is its HTTP port.</summary>
    public string Address { get; init; } = "127.0.0.1";

    /// <summary>A network namespace to run the process in (<see cref="NetworkHosts"/>), as if on a host of its own.</summary>
    public string? NetworkNamespace { get; init; }

    public int HttpPort { get; init; } = Ports.Free();

    public int SiloPort { get; init; } = Ports.Free();

    public int GatewayPort { get; init; } = Ports.Free();

    /// <summary>The at-rest encryption keys (id → base64) and the current one; Redis mode refuses to start without.</summary>
    public IReadOnlyDictionary<string, string> EncryptionKeys { get; init; } = new Dictionary<string, string> { [TestKeyId] = TestKey };

    public string CurrentKeyId { get; init; } = TestKeyId;

    public const string TestKeyId = "test1";

    /// <summary>A fixed key, so a restarted process reads what the one before it wrote.</summary>
    public static readonly string TestKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray());

    /// <summary>Any further configuration, as environment variables (e.g. "StoriBoard__Matching__OfferTimeout").</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The same cluster and data, on new ports: for a second process or a restart.</summary>
    public HostSettings Another() =>
        this with { HttpPort = Ports.Free(), SiloPort = Ports.Free(), GatewayPort = Ports.Free() };
}

/// <summary>A real gateway process on loopback, run from its build output with the Gateway folder as content root.</summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private GatewayProcess(Process process, HostSettings settings)
    {
        _process = process;
        Settings = settings;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public HostSettings Settings { get; }

    public Uri Url => new($"http://{Settings.Address}:{Settings.HttpPort}");

    public string AdminKey => Settings.AdminKey;

    /// <summary>What the process printed, for diagnosing a failed test.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>
    /// How long a start may take. Generous: after every process of a cluster crashed at once, the restarted silos have
    /// taken from 3 s to 61 s to join (README, "Reliability"); the fault suite reports the time, this only bounds it.
    /// </summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    public static async Task<GatewayProcess> Start(HostSettings settings)
    {
        var gateway = new GatewayProcess(Launch(RepoPaths.GatewayDll, Path.Combine(RepoPaths.Root, "Gateway"), settings), settings);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            await Eventually.True(async () =>
            {
                if (gateway._process.HasExited)
                {
                    throw new InvalidOperationException($"The gateway exited at start:\n{gateway.Output}");
                }

                try
                {
                    return (await http.GetAsync(new Uri(gateway.Url, "/health"))).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
                catch (TaskCanceledException)
                {
                    return false;
                }
            }, "the gateway to answer /health", StartTimeout);
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }

        return gateway;
    }

    /// <summary>
    /// Starts a gateway expected to refuse to start, and waits for it to end: its exit code, the lines it wrote to
    /// standard error, and its standard output.
    /// </summary>
    public static async Task<(int ExitCode, string[] Errors, string Output)> Refusing(HostSettings settings)
    {
        using var process = Launch(RepoPaths.GatewayDll, Path.Combine(RepoPaths.Root, "Gateway"), settings);
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries), await output);
    }

    /// <summary>A grains-only silo process joining the same Redis cluster.</summary>
    public static Process StartSilo(HostSettings settings) =>
        Launch(RepoPaths.SiloDll, Path.Combine(RepoPaths.Root, "Silo"), settings);

    public static Process Launch(string dll, string workingDirectory, HostSettings settings)
    {
        var start = new ProcessStartInfo(
            settings.NetworkNamespace is null ? "dotnet" : "ip",
            settings.NetworkNamespace is null ? [dll] : ["netns", "exec", settings.NetworkNamespace, "dotnet", dll])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://{settings.Address}:{settings.HttpPort}";
        start.Environment["StoriBoard__SiloAddress"] = settings.Address;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["StoriBoard__AdminKey"] = settings.AdminKey;
        start.Environment["StoriBoard__ServiceId"] = settings.ServiceId;
        start.Environment["StoriBoard__ClusterId"] = settings.ServiceId;
        start.Environment["StoriBoard__SiloPort"] = settings.SiloPort.ToString();
        start.Environment["StoriBoard__GatewayPort"] = settings.GatewayPort.ToString();
        start.Environment["StoriBoard__Topology"] = settings.Topology;
        start.Environment["StoriBoard__TokenKey"] = settings.TokenKey;
        foreach (var (name, value) in HostSettings.RoomyLimits)
        {
            start.Environment[name] = value;
        }

        if (settings.Redis is not null)
        {
            start.Environment["StoriBoard__Redis"] = settings.Redis;
        }

        foreach (var (id, key) in settings.EncryptionKeys)
        {
            start.Environment[$"StoriBoard__Encryption__Keys__{id}"] = key;
        }

        start.Environment["StoriBoard__Encryption__CurrentKeyId"] = settings.CurrentKeyId;

        foreach (var (name, value) in settings.Environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>A graceful stop, as an operator's restart would do.</summary>
    public async Task Stop()
    {
        if (_process.HasExited)
        {
            return;
        }

        Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>A crash: the process dies with no chance to clean up.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Stop();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 500)
        {
            _output.TryDequeue(out _);
        }
    }
}
