using StoriBoard.Silo;

if (args is ["train", ..])
{
    return await StoriBoard.Classification.Training.TrainingCommand.RunAsync(args[1..]);
}

var builder = Host.CreateApplicationBuilder(args);
builder.AddStoriBoardSilo();
await builder.Build().RunAsync();
return 0;
