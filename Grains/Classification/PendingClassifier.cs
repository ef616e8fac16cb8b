// PLACEHOLDER until the classifier branch merges; deleted then.
using Microsoft.Extensions.DependencyInjection;
namespace StoriBoard.Classification
{
    public static class PendingClassifierServices
    {
        public static IServiceCollection AddStoriBoardClassifier(this IServiceCollection services) =>
            services.AddSingleton<IMessageClassifier, PendingClassifier>();
    }

    internal sealed class PendingClassifier : IMessageClassifier
    {
        public MessageAnalysis Classify(string text) => MessageAnalysis.Unclassified;
    }
}
namespace StoriBoard.Classification.Training
{
    public static class TrainingCommand
    {
        public static Task<int> RunAsync(string[] args) => Task.FromResult(1);
    }
}
