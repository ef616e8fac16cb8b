using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using StoriBoard.Gateway.Auth;
using StoriBoard.Silo;

namespace StoriBoard.Gateway;

public static class DemoSetup
{
    /// <summary>
    /// In embedded mode (no Redis), seeds a few demo supporters and prints their console links at
    /// start, so that a person can play both sides in two browser windows within a minute.
    /// StoriBoard:Demo=false turns it off; with Redis it never runs, since real supporters are
    /// registered by an admin and their tokens must never be printed.
    /// </summary>
    public static WebApplicationBuilder AddStoriBoardDemo(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.StoriBoardHosting().Embedded && builder.Configuration.GetValue("StoriBoard:Demo", true))
        {
            builder.Services.AddHostedService<DemoSupporters>();
        }

        return builder;
    }
}

/// <summary>Registers the demo supporters once the cluster is up, and prints each one's console link once.</summary>
internal sealed class DemoSupporters(
    IHostApplicationLifetime lifetime, IServer server, IGrainFactory grains, TokenIssuer tokens) : BackgroundService
{
    /// <summary>Varied lived experience, so that different opening messages meet different supporters.</summary>
    private static readonly SupporterProfile[] Cast =
    [
        new("Jake", [Themes.Relationship, Themes.Work], ["en"], CrisisTrained: false, MaxConcurrentChats: 3, Role.Supporter),
        new("Priya", [Themes.Anxiety, Themes.LowMood, Themes.School], ["en"], CrisisTrained: true, MaxConcurrentChats: 2, Role.Supporter),
        new("Tom", [Themes.Grief, Themes.Family, Themes.Loneliness], ["en"], CrisisTrained: false, MaxConcurrentChats: 3, Role.Supporter),
        new("Amara", [Themes.Money, Themes.Health, Themes.Identity], ["en"], CrisisTrained: false, MaxConcurrentChats: 2, Role.Supporter),
        new("Sam", [Themes.Substances, Themes.Abuse], ["en"], CrisisTrained: true, MaxConcurrentChats: 2, Role.Supervisor),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Grain calls need the co-hosted silo, and the links need the address Kestrel bound.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(started.SetResult))
        using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            await started.Task;
        }

        var site = SiteAddress();
        var lines = new List<string>();
        foreach (var profile in Cast)
        {
            var supporterId = Guid.NewGuid().ToString("N");
            await grains.GetGrain<ISupporterGrain>(supporterId).Register(profile);
            var token = tokens.Issue(supporterId, profile.Role);
            var who = $"{profile.DisplayName}{(profile.Role == Role.Supervisor ? ", supervisor" : "")}{(profile.CrisisTrained ? ", crisis-trained" : "")}";
            lines.Add($"  {who,-32} lived experience: {string.Join(", ", profile.LivedExperience),-28} {site}/console#token={token}");
        }

        // Printed to the terminal once, on purpose and never through the logger: these links sign in.
        Console.WriteLine(
            $"""

            Demo mode (embedded, nothing is kept after this run).
            Help-seeker chat: {site}/
            Supporter consoles, one link per demo supporter:
            {string.Join(Environment.NewLine, lines)}

            """);
    }

    /// <summary>The first address Kestrel listens on, with a wildcard host made one a browser can open.</summary>
    private string SiteAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
        var uri = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost"));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "localhost";
        }

        return uri.Uri.GetLeftPart(UriPartial.Authority);
    }
}
