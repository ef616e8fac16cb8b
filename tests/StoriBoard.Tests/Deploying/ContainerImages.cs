using System.Diagnostics;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Deploying;

/// <summary>
/// The gateway's and the silo's images, built once per test run the way docs/operations.md says, with one change: the
/// machine cannot reach mcr.microsoft.com, so the base image is a stand-in made here (make-base-image.sh: Debian bookworm
/// with this machine's .NET and ASP.NET Core runtimes), served by a registry on loopback. The base image is kept in the
/// temporary folder between runs on one machine, keyed by the runtime version; everything else is made fresh.
/// </summary>
public sealed class ContainerImages : IAsyncLifetime
{
    private const string BaseRepository = "storiboard-test/aspnet:10.0";

    private readonly string _work = Path.Combine(Path.GetTempPath(), $"storiboard-images-{Guid.NewGuid():N}");
    private Process? _registry;

    /// <summary>Why the images cannot be built on this machine, or null when they can (root, and the Debian tools).</summary>
    public static readonly string? Unavailable = Probe();

    public string GatewayArchive => Path.Combine(_work, "storiboard-gateway.tar");

    public string SiloArchive => Path.Combine(_work, "storiboard-silo.tar");

    /// <summary>How long each step took, for the test output: the image build must fit the CI budget.</summary>
    public List<(string Step, TimeSpan Took)> Timings { get; } = [];

    public async Task InitializeAsync()
    {
        if (Unavailable is not null)
        {
            return;
        }

        Directory.CreateDirectory(_work);

        // debootstrap mostly waits on the mirror and the disk while the compiler wants the cores: side by side.
        var baseImage = Timed("base image (debootstrap, runtimes, OCI layout; reused when cached)", MakeBaseImage);
        var compiled = Timed("gateway and silo compiled (Release, linux-x64)", Compile);
        await Task.WhenAll(baseImage, compiled);
        var baseLayout = await baseImage;
        var registry = await Timed("registry on loopback, base image pushed", () => ServeBaseImage(baseLayout));
        await Timed("gateway image (dotnet publish /t:PublishContainer)", () => Publish("Gateway", registry, GatewayArchive));
        await Timed("silo image (dotnet publish /t:PublishContainer)", () => Publish("Silo", registry, SiloArchive));
    }

    public Task DisposeAsync()
    {
        if (_registry is { HasExited: false })
        {
            _registry.Kill();
            _registry.WaitForExit(10_000);
        }

        _registry?.Dispose();
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>An unpacked image's root file system, in a folder of this run that is removed with it.</summary>
    public string NewRootFolder(string name) => Directory.CreateDirectory(Path.Combine(_work, "roots", name)).FullName;

    private async Task<T> Timed<T>(string step, Func<Task<T>> work)
    {
        var clock = Stopwatch.StartNew();
        var result = await work();
        lock (Timings)
        {
            Timings.Add((step, clock.Elapsed));
        }

        return result;
    }

    /// <summary>The base image's OCI layout: made once per machine and runtime by the script, which names its folder.</summary>
    private static async Task<string> MakeBaseImage()
    {
        var printed = await Commands.Run("bash", [Path.Combine(RepoPaths.Root, "tests", "StoriBoard.Tests", "Deploying", "make-base-image.sh")],
            timeout: TimeSpan.FromMinutes(8));
        var layout = printed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return layout is not null && Directory.Exists(layout)
            ? layout
            : throw new InvalidOperationException("make-base-image.sh printed no image layout.");
    }

    /// <summary>Starts a registry on a free loopback port, pushes the base image to it, and answers its address.</summary>
    private async Task<string> ServeBaseImage(string baseImage)
    {
        var port = Ports.Free();
        var storage = Directory.CreateDirectory(Path.Combine(_work, "registry")).FullName;
        var config = Path.Combine(_work, "registry.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {storage}
            http:
              addr: 127.0.0.1:{port}
            """);
        _registry = Commands.Start("docker-registry", ["serve", config]);
        Commands.Discard(_registry);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.True(async () =>
        {
            try
            {
                return (await http.GetAsync($"http://127.0.0.1:{port}/v2/")).IsSuccessStatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, "the registry to answer", TimeSpan.FromSeconds(30));

        // "localhost" and the insecure-registry setting below: the SDK then speaks plain HTTP to it, as skopeo does here.
        var registry = $"localhost:{port}";
        await Commands.Run("skopeo", ["copy", "--quiet", "--dest-tls-verify=false", $"oci:{baseImage}:base", $"docker://{registry}/{BaseRepository}"],
            timeout: TimeSpan.FromMinutes(3));
        return registry;
    }

    /// <summary>
    /// Built in a folder of its own (--artifacts-path), so the repository's bin and obj folders, which the other tests
    /// run from, are left alone; for linux-x64, the platform the SDK builds images for by default.
    /// </summary>
    private string[] BuildOptions =>
        ["-c", "Release", "-r", "linux-x64", "--artifacts-path", Path.Combine(_work, "artifacts"), "--disable-build-servers", "-nodeReuse:false"];

    /// <summary>The gateway's build includes the silo's, so both images are then published without building again.</summary>
    private async Task<bool> Compile()
    {
        await Commands.Run("dotnet", ["build", Path.Combine(RepoPaths.Root, "Gateway"), .. BuildOptions], timeout: TimeSpan.FromMinutes(8));
        return true;
    }

    /// <summary>The documented command, with the stand-in base image and an archive as the destination.</summary>
    private async Task<string> Publish(string project, string registry, string archive)
    {
        await Commands.Run("dotnet",
            [
                "publish", Path.Combine(RepoPaths.Root, project), "/t:PublishContainer", "--no-build", .. BuildOptions,
                $"-p:ContainerBaseImage={registry}/{BaseRepository}", $"-p:ContainerArchiveOutputPath={archive}",
            ],
            new Dictionary<string, string> { ["SDK_CONTAINER_INSECURE_REGISTRIES"] = registry },
            TimeSpan.FromMinutes(8));
        return archive;
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return "building and running the images needs root on Linux (debootstrap, chroot, unshare)";
        }

        string[] tools = ["debootstrap", "umoci", "skopeo", "docker-registry", "unshare", "tar"];
        var missing = tools.Where(tool => !Environment.GetEnvironmentVariable("PATH")!.Split(':')
            .Any(dir => File.Exists(Path.Combine(dir, tool)))).ToList();
        return missing.Count == 0
            ? null
            : $"missing {string.Join(", ", missing)} (tests/run.sh installs them with apt-get)";
    }
}

/// <summary>A test that needs <see cref="ContainerImages"/>: skipped, with the reason, where the machine cannot build them.</summary>
public sealed class ImageFactAttribute : FactAttribute
{
    public ImageFactAttribute()
    {
        Skip = ContainerImages.Unavailable;
    }
}

/// <summary>Runs the tools the image tests need, failing with what they printed.</summary>
public static class Commands
{
    public static async Task<string> Run(string file, string[] arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        using var process = Start(file, arguments, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{file} {string.Join(' ', arguments)}' took longer than {timeout}.");
        }

        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException(
                $"'{file} {string.Join(' ', arguments)}' failed ({process.ExitCode}):\n{await output}\n{await error}");
    }

    /// <summary>Reads a long-running process's output away, so that a full pipe never stops it.</summary>
    public static void Discard(Process process)
    {
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Starts a process with its output redirected; the caller reads or discards it.</summary>
    public static Process Start(string file, string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"{file} could not start");
    }
}
