using Microsoft.Extensions.Hosting;
using StoriBoard.Silo;

if (args is ["train", ..])
{
    return await StoriBoard.Classification.Training.TrainingCommand.RunAsync(args[1..]);
}

// A grains-only node of a Redis cluster; the Gateway co-hosts a silo of its own by default.
var builder = Host.CreateApplicationBuilder(args);
builder.AddStoriBoardSilo();
await builder.Build().RunAsync();
return 0;
