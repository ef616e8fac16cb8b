using System.Diagnostics;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Deploying;

/// <summary>
/// The compose file's reverse proxy, run for real: Debian's nginx with deploy/nginx/storiboard.conf.template (only the
/// addresses filled in, as nginx's image fills them from compose.yaml) in front of two gateway processes on Redis.
/// People chat through it over WebSockets, and every request of one person's hub connection reaches one gateway.
/// </summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class ProxyTests(RedisServer redis) : IAsyncLifetime
{
    private const int People = 16;

    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"storiboard-proxy-{Guid.NewGuid():N}")).FullName;
    private readonly List<GatewayProcess> _gateways = [];
    private Process? _nginx;
    private int _proxyPort;

    private string AccessLog => Path.Combine(_folder, "access.log");

    public async Task InitializeAsync()
    {
        if (Unavailable is not null)
        {
            return;
        }

        var first = await GatewayProcess.Start(new HostSettings { Redis = redis.ConnectionString });
        _gateways.Add(first);
        _gateways.Add(await GatewayProcess.Start(first.Settings.Another()));
        _proxyPort = Ports.Free();
        _nginx = await StartNginx(_gateways[0].Url, _gateways[1].Url);
    }

    public async Task DisposeAsync()
    {
        if (_nginx is { HasExited: false })
        {
            // nginx's fast shutdown: the master stops its worker, which would otherwise outlive it holding the output pipe.
            Process.Start("kill", ["-TERM", _nginx.Id.ToString()])!.WaitForExit();
            if (!_nginx.WaitForExit(10_000))
            {
                _nginx.Kill(entireProcessTree: true);
            }
        }

        _nginx?.Dispose();
        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    public static readonly string? Unavailable =
        File.Exists("/usr/sbin/nginx") ? null : "nginx is not installed (tests/run.sh installs it with apt-get)";

    [ProxyFact]
    public async Task People_chat_through_the_proxy_and_each_persons_connection_stays_on_one_gateway()
    {
        var proxy = new Uri($"http://127.0.0.1:{_proxyPort}");
        var upstreams = new List<string>();
        for (var i = 0; i < People; i++)
        {
            var before = Lines().Length;
            await using (var seeker = await SeekerClient.Connect(proxy))
            {
                var conversation = await seeker.StartConversation();
                await seeker.Send(conversation.ConversationId, "I can't sleep, work has been awful and I feel alone");
                await seeker.Messages.WaitFor(m => m.Sender == Sender.Ai, "the AI's reply, pushed through the proxy");
            }

            // A WebSocket's line is written when it closes, after the client is gone.
            string[] hub = [];
            await Eventually.True(() =>
            {
                hub = Lines()[before..].Where(line => line.Contains(" /hubs/seeker", StringComparison.Ordinal)).ToArray();
                return hub.Any(line => line.Contains("\"GET /hubs/seeker\" 101 ", StringComparison.Ordinal));
            }, "the proxy to log the person's WebSocket");

            Assert.Contains(hub, line => line.Contains("\"POST /hubs/seeker/negotiate\" 200 ", StringComparison.Ordinal));
            var servedBy = hub.Select(line => line.Split(' ')[^1]).Distinct().ToList();
            Assert.True(servedBy.Count == 1, $"one person's hub requests reached {string.Join(", ", servedBy)}:\n{string.Join('\n', hub)}");
            upstreams.Add(servedBy[0]);
        }

        // Sticky by person, not everyone on one gateway: both take people (16 people all hashed to one: 1 in 32,768).
        Assert.Equal(_gateways.Select(g => $"{g.Url.Host}:{g.Url.Port}").Order(), upstreams.Distinct().Order());
    }

    private string[] Lines() => File.Exists(AccessLog) ? File.ReadAllLines(AccessLog) : [];

    private async Task<Process> StartNginx(Uri first, Uri second)
    {
        var template = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "deploy", "nginx", "storiboard.conf.template"));
        var site = template
            .Replace("${STORIBOARD_GATEWAY_1}", $"{first.Host}:{first.Port}")
            .Replace("${STORIBOARD_GATEWAY_2}", $"{second.Host}:{second.Port}")
            .Replace("${STORIBOARD_PROXY_LISTEN}", $"127.0.0.1:{_proxyPort}")
            .Replace("${STORIBOARD_PROXY_ACCESS_LOG}", AccessLog);
        await File.WriteAllTextAsync(Path.Combine(_folder, "storiboard.conf"), site);

        // What nginx's image wraps around a conf.d file: the template sits in the http block, as it does there.
        var config = Path.Combine(_folder, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            daemon off;
            user root;
            worker_processes 1;
            pid {{_folder}}/nginx.pid;
            error_log {{_folder}}/error.log warn;
            events { worker_connections 512; }
            http {
                client_body_temp_path {{_folder}}/body;
                proxy_temp_path {{_folder}}/proxy;
                fastcgi_temp_path {{_folder}}/fastcgi;
                uwsgi_temp_path {{_folder}}/uwsgi;
                scgi_temp_path {{_folder}}/scgi;
                include {{_folder}}/storiboard.conf;
            }
            """);
        // nginx opens its default error log under the prefix before it reads the configuration.
        Directory.CreateDirectory(Path.Combine(_folder, "logs"));
        var nginx = Commands.Start("nginx", ["-p", _folder, "-c", config]);
        Commands.Discard(nginx);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.True(async () =>
        {
            if (nginx.HasExited)
            {
                throw new InvalidOperationException($"nginx exited: {await File.ReadAllTextAsync(Path.Combine(_folder, "error.log"))}");
            }

            try
            {
                return (await http.GetAsync($"http://127.0.0.1:{_proxyPort}/health")).IsSuccessStatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, "nginx to pass /health to a gateway");
        return nginx;
    }
}

/// <summary>A test that needs nginx: skipped, with the reason, where it is not installed.</summary>
public sealed class ProxyFactAttribute : FactAttribute
{
    public ProxyFactAttribute()
    {
        Skip = ProxyTests.Unavailable;
    }
}
