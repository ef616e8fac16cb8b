using StoriBoard;
using StoriBoard.Gateway;
using StoriBoard.Gateway.Api;
using StoriBoard.Gateway.Auth;
using StoriBoard.Gateway.Edge;
using StoriBoard.Gateway.Health;
using StoriBoard.Gateway.Hubs;
using StoriBoard.Gateway.Telemetry;
using StoriBoard.Silo;

StartupFailures.ExplainInOneLine();
var builder = WebApplication.CreateBuilder(args);
// A developer's run stays on loopback; a container names only its ports (the image sets ASPNETCORE_HTTP_PORTS=8080), on
// every address, and that must not be overridden here.
if (string.IsNullOrEmpty(builder.Configuration["urls"])
    && string.IsNullOrEmpty(builder.Configuration["http_ports"])
    && string.IsNullOrEmpty(builder.Configuration["https_ports"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
}

builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 64 * 1024);
builder.Services.AddSettings<GatewayOptions>(builder.Configuration, GatewayOptions.Section);
builder.Services.ConfigureHttpJsonOptions(o => HubSetup.UseProtocolJson(o.SerializerOptions));
builder.AddStoriBoardCluster();
builder.Services.AddStoriBoardLimits(builder.Configuration);
builder.Services.AddStoriBoardAuth();
builder.Services.AddStoriBoardHubs(builder.Configuration);
builder.Services.AddStoriBoardHealth();
builder.Services.AddStoriBoardPushApi(builder.Configuration);
builder.Services.AddStoriBoardPasskeys(builder.Configuration);
builder.Services.AddStoriBoardStaff(builder.Configuration);
builder.AddStoriBoardMetrics();
builder.AddStoriBoardDemo();

var app = builder.Build();
app.UseStoriBoardErrors();
app.UseRateLimiter();
app.MapStoriBoardPages();
app.UseAuthentication();
app.UseAuthorization();
app.MapStoriBoardApi();
app.MapStoriBoardHubs();
app.MapStoriBoardHealth();
app.MapStoriBoardMetrics();

if (app.Services.GetRequiredService<AdminKey>().Generated is { } adminKey)
{
    Console.WriteLine($"Admin key for this run (set StoriBoard__AdminKey to choose one): {adminKey}");
}

app.Run();

/// <summary>Visible to the tests' in-process hosts.</summary>
public partial class Program;
