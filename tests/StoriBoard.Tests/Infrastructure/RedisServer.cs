using System.Diagnostics;
using StackExchange.Redis;

namespace StoriBoard.Tests.Infrastructure;

/// <summary>A real redis-server on a free port (of loopback, unless given another address), for as long as the fixture lives.</summary>
public sealed class RedisServer : IAsyncLifetime
{
    private Process? _process;

    /// <summary>Where it listens: loopback, or a test network's bridge (<see cref="NetworkHosts"/>).</summary>
    public string Address { get; init; } = "127.0.0.1";

    public int Port { get; } = Ports.Free();

    public string ConnectionString => $"{Address}:{Port},abortConnect=false";

    public async Task InitializeAsync()
    {
        var executable = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "redis-server is not installed. Run the README's test command (.ci/run), which installs it with apt-get.");
        _process = Process.Start(new ProcessStartInfo(executable,
            ["--port", Port.ToString(), "--bind", Address, "--save", "", "--appendonly", "no", "--protected-mode", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        await Eventually.True(async () =>
        {
            try
            {
                await using var connection = await ConnectionMultiplexer.ConnectAsync($"{Address}:{Port},connectTimeout=500");
                await connection.GetDatabase().PingAsync();
                return true;
            }
            catch (RedisConnectionException)
            {
                return false;
            }
        }, "redis-server to answer PING");
    }

    /// <summary>Freezes the server (SIGSTOP): connections stay open and nothing answers, as in a stalled Redis.</summary>
    public void Freeze() => Signal("-STOP");

    public void Thaw() => Signal("-CONT");

    private void Signal(string signal) =>
        Process.Start("kill", [signal, (_process ?? throw new InvalidOperationException("Redis is not running.")).Id.ToString()])!.WaitForExit();

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        _process = null; // a test that stops its own Redis early may dispose it twice
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServer>
{
    public const string Name = "redis";
}
