using System.Diagnostics;
using System.Net;
using StoriBoard.Tests.Infrastructure;
using Xunit.Abstractions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StoriBoard.Tests.Deploying;

/// <summary>
/// The images `dotnet publish /t:PublishContainer` makes of the gateway and the silo are whole, say how to run them
/// (entrypoint, a non-root user, ports, environment), and the gateway's runs: unpacked into a root file system and
/// started as a container engine would start it, it answers its health checks.
/// </summary>
[Trait("Tier", "Integration")]
public sealed class ContainerImageTests(ContainerImages images, ITestOutputHelper output) : IClassFixture<ContainerImages>
{
    private const string NonRootUser = "1654";

    [ImageFact]
    public async Task The_gateway_image_is_whole_and_runs_its_dll_as_the_non_root_user_on_port_8080()
    {
        var image = await OciImage.Open(images.GatewayArchive, images.NewRootFolder("gateway-layout"));

        Assert.Equal("linux", image.Config.GetProperty("os").GetString());
        Assert.Equal("amd64", image.Config.GetProperty("architecture").GetString());
        Assert.Equal(["dotnet", "/app/StoriBoard.Gateway.dll"], image.Entrypoint);
        Assert.Equal(NonRootUser, image.User);
        Assert.Equal("/app/", image.WorkingDir);
        Assert.Contains("8080/tcp", image.ExposedPorts);
        Assert.Equal("8080", image.Environment["ASPNETCORE_HTTP_PORTS"]);
        Assert.Equal("StoriBoard gateway", image.Labels["org.opencontainers.image.title"]);
        Assert.Equal(2, image.Layers.Count); // the base, then the application
        Report();
    }

    [ImageFact]
    public async Task The_silo_image_is_whole_and_runs_its_dll_as_the_non_root_user_with_the_orleans_ports()
    {
        var image = await OciImage.Open(images.SiloArchive, images.NewRootFolder("silo-layout"));

        Assert.Equal(["dotnet", "/app/StoriBoard.Silo.dll"], image.Entrypoint);
        Assert.Equal(NonRootUser, image.User);
        Assert.Contains("11111/tcp", image.ExposedPorts);
        Assert.Contains("30000/tcp", image.ExposedPorts);
        Assert.Equal("StoriBoard silo", image.Labels["org.opencontainers.image.title"]);
    }

    [ImageFact]
    public async Task The_gateway_image_starts_as_its_non_root_user_and_answers_its_health_checks()
    {
        var image = await OciImage.Open(images.GatewayArchive, images.NewRootFolder("gateway-run-layout"));
        var root = images.NewRootFolder("gateway-run");
        var clock = Stopwatch.StartNew();
        await image.Unpack(root);
        var unpacked = clock.Elapsed;

        // As `docker run -e`: the container shares this machine's network here, so it takes free ports.
        var httpPort = Ports.Free();
        using var container = image.Run(root, new Dictionary<string, string>
        {
            ["ASPNETCORE_HTTP_PORTS"] = httpPort.ToString(),
            ["StoriBoard__SiloPort"] = Ports.Free().ToString(),
            ["StoriBoard__GatewayPort"] = Ports.Free().ToString(),
            ["StoriBoard__Demo"] = "false",
        });
        var printed = new List<string>();
        container.OutputDataReceived += (_, e) => Keep(printed, e.Data);
        container.ErrorDataReceived += (_, e) => Keep(printed, e.Data);
        container.BeginOutputReadLine();
        container.BeginErrorReadLine();
        try
        {
            clock.Restart();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(3) };
            await Eventually.True(async () =>
            {
                Assert.False(container.HasExited, $"the container exited:\n{Printed(printed)}");
                try
                {
                    return (await http.GetAsync("/health")).IsSuccessStatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    return false;
                }
            }, "the gateway in the image to answer /health", TimeSpan.FromSeconds(120));
            var answered = clock.Elapsed;

            Assert.Contains("\"ok\"", await http.GetStringAsync("/health"));
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
            Assert.Equal(NonRootUser, UserOf(ApplicationOf(container)));

            // The compose file's readiness check, run inside the image as compose would: it passes here, and fails
            // where nothing answers.
            var ready = ComposeReadinessCheck();
            Assert.Contains("/127.0.0.1/8080", ready[^1]);
            Assert.Equal(0, await Exec(image, root, [.. ready[..^1], ready[^1].Replace("/8080", $"/{httpPort}")]));
            Assert.NotEqual(0, await Exec(image, root, [.. ready[..^1], ready[^1].Replace("/8080", $"/{Ports.Free()}")]));
            output.WriteLine($"unpacked in {unpacked.TotalSeconds:F1} s; /health answered {answered.TotalSeconds:F1} s after the start");

            // As `docker stop`: SIGTERM to the application, which stops on its own.
            Process.Start("kill", ["-TERM", ApplicationOf(container).ToString()])!.WaitForExit();
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await container.WaitForExitAsync(stop.Token);
        }
        finally
        {
            if (!container.HasExited)
            {
                container.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>The gateways' health check command in deploy/compose.yaml, after "CMD".</summary>
    private static string[] ComposeReadinessCheck()
    {
        using var reader = new StringReader(File.ReadAllText(Path.Combine(RepoPaths.Root, "deploy", "compose.yaml")));
        var yaml = new YamlStream();
        yaml.Load(new MergingParser(new Parser(reader)));
        var gateway = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"])["gateway-1"];
        var test = ((YamlSequenceNode)((YamlMappingNode)gateway["healthcheck"])["test"]).Select(n => ((YamlScalarNode)n).Value!).ToArray();
        Assert.Equal("CMD", test[0]);
        return test[1..];
    }

    private static async Task<int> Exec(OciImage image, string root, string[] command)
    {
        using var process = image.Run(root, new Dictionary<string, string>(), command);
        Commands.Discard(process);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(limit.Token);
        return process.ExitCode;
    }

    private void Report()
    {
        foreach (var (step, took) in images.Timings)
        {
            output.WriteLine($"{step}: {took.TotalSeconds:F1} s");
        }
    }

    /// <summary>The application's process id on this machine: unshare's only child, the container's process 1.</summary>
    private static int ApplicationOf(Process container) =>
        int.Parse(File.ReadAllText($"/proc/{container.Id}/task/{container.Id}/children").Trim().Split(' ')[0]);

    private static string UserOf(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Single(line => line.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t')[1];

    private static void Keep(List<string> printed, string? line)
    {
        if (line is not null)
        {
            lock (printed)
            {
                printed.Add(line);
            }
        }
    }

    private static string Printed(List<string> printed)
    {
        lock (printed)
        {
            return string.Join('\n', printed.TakeLast(40));
        }
    }
}
