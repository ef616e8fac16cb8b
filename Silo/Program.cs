using Microsoft.Extensions.Hosting;
using StoriBoard.Silo;

// A grains-only node of a Redis cluster; the Gateway co-hosts a silo of its own by default.
StartupFailures.ExplainInOneLine();
var builder = Host.CreateApplicationBuilder(args);
builder.AddStoriBoardSilo();
builder.AddStoriBoardTelemetry("storiboard-silo");
await builder.Build().RunAsync();
