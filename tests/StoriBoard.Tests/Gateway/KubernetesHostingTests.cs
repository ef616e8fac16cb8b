using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Gateway;

/// <summary>
/// StoriBoard__Hosting=kubernetes is wired into the silo: a process started with it outside a pod stops at once with
/// one line that says so, rather than starting as if on a plain host or hanging on an API server that is not there.
/// </summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class KubernetesHostingTests(RedisServer redis)
{
    private static readonly TimeSpan PromptRefusal = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Outside_a_pod_the_start_stops_with_one_line_naming_the_setting()
    {
        var settings = new HostSettings
        {
            Redis = redis.ConnectionString,
            Environment = new Dictionary<string, string>
            {
                ["StoriBoard__Hosting"] = "kubernetes",
                // What the manifests give a pod from the downward API; only the API server and its token are missing.
                ["POD_NAMESPACE"] = "helpline",
                ["POD_NAME"] = "storiboard-gateway-0",
                ["POD_IP"] = "127.0.0.1",
            },
        };

        var started = DateTime.UtcNow;
        var (exitCode, lines, output) = await GatewayProcess.Refusing(settings);

        Assert.Equal(2, exitCode);
        Assert.True(DateTime.UtcNow - started < PromptRefusal, $"took {DateTime.UtcNow - started}");
        var line = Assert.Single(lines, l => l.StartsWith("StoriBoard cannot start:", StringComparison.Ordinal));
        Assert.Contains("StoriBoard__Hosting=kubernetes", line);
        Assert.Contains("not in a Kubernetes pod", line);
        Assert.DoesNotContain("Application started", output);
    }

    [Fact]
    public async Task Without_the_pods_namespace_the_start_stops_with_one_line_naming_POD_NAMESPACE()
    {
        var settings = new HostSettings
        {
            Redis = redis.ConnectionString,
            Environment = new Dictionary<string, string> { ["StoriBoard__Hosting"] = "kubernetes" },
        };

        var (exitCode, lines, output) = await GatewayProcess.Refusing(settings);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(lines, l => l.StartsWith("StoriBoard cannot start:", StringComparison.Ordinal));
        Assert.Contains("POD_NAMESPACE", line);
        Assert.DoesNotContain("Application started", output);
    }

    [Fact]
    public async Task Kubernetes_hosting_without_Redis_is_refused_in_one_line()
    {
        var (exitCode, lines, _) = await GatewayProcess.Refusing(
            new HostSettings { Environment = new Dictionary<string, string> { ["StoriBoard__Hosting"] = "kubernetes" } });

        Assert.Equal(2, exitCode);
        var line = Assert.Single(lines, l => l.StartsWith("StoriBoard cannot start:", StringComparison.Ordinal));
        Assert.Contains("StoriBoard__Hosting=kubernetes needs StoriBoard__Redis", line);
    }
}
