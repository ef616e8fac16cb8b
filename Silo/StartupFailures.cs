using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace StoriBoard.Silo;

/// <summary>
/// A start that fails on its settings ends with one line naming each setting at fault, not a page of stack trace: the
/// operator's mistyped value is the whole story.
/// </summary>
public static class StartupFailures
{
    public static void ExplainInOneLine() => AppDomain.CurrentDomain.UnhandledException += (_, e) =>
    {
        if (e.ExceptionObject is Exception failure && Describe(failure) is { } line)
        {
            Console.Error.WriteLine(line);
            Console.Error.Flush();
            Environment.Exit(2);
        }
    };

    /// <summary>The one line for a settings failure; null for anything else, which keeps its stack trace.</summary>
    public static string? Describe(Exception failure)
    {
        var problems = Causes(failure).SelectMany(Problems).Distinct().ToList();
        return problems.Count == 0 ? null : $"StoriBoard cannot start: {string.Join(" ", problems)}";
    }

    private static IEnumerable<string> Problems(Exception e) => e switch
    {
        OptionsValidationException invalid => invalid.Failures,

        // A value the binder cannot read (letters for a number): its message names the setting.
        InvalidOperationException { Message: var message } when message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal)
            => [message.ReplaceLineEndings(" ")],

        // Nothing works without the store: say which setting names it, not how the client timed out.
        RedisConnectionException { FailureType: var failure } =>
            [$"Redis cannot be reached ({failure}): check that it is running and that StoriBoard__Redis names it."],

        // The Kubernetes client finds no API server and no service account outside a pod.
        k8s.Exceptions.KubeConfigException =>
            ["StoriBoard__Hosting=kubernetes, but this process is not in a Kubernetes pod (no in-cluster API address or service account token): run it from deploy/kubernetes/ or leave StoriBoard__Hosting unset."],
        _ => [],
    };

    private static IEnumerable<Exception> Causes(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Causes))
                {
                    yield return inner;
                }
            }
        }
    }
}
