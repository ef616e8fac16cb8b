namespace StoriBoard.LoadTests.Reporting;

/// <summary>Where a run's report goes: the given folder, else loadtests/reports/&lt;scenario&gt;-&lt;timestamp&gt;/.</summary>
public static class ReportFolder
{
    public static string Create(string? requested, string scenario, DateTimeOffset startedAt)
    {
        var path = requested ?? Path.Combine(DefaultRoot(), $"{scenario}-{startedAt:yyyyMMdd-HHmmss}");
        Directory.CreateDirectory(path);
        return Path.GetFullPath(path);
    }

    /// <summary>The repository's loadtests/reports when run from inside it (git-ignored), else ./reports.</summary>
    private static string DefaultRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "loadtests", "StoriBoard.LoadTests.csproj")))
            {
                return Path.Combine(dir.FullName, "loadtests", "reports");
            }

            if (File.Exists(Path.Combine(dir.FullName, "StoriBoard.LoadTests.csproj")))
            {
                return Path.Combine(dir.FullName, "reports");
            }
        }

        return Path.Combine(Environment.CurrentDirectory, "reports");
    }
}
