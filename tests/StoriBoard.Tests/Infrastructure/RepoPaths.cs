namespace StoriBoard.Tests.Infrastructure;

public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the gateway is run from the same configuration the tests were built in.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    public static string GatewayDll => Path.Combine(Root, "Gateway", "bin", Configuration, "net10.0", "StoriBoard.Gateway.dll");

    public static string SiloDll => Path.Combine(Root, "Silo", "bin", Configuration, "net10.0", "StoriBoard.Silo.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StoriBoard.Grains.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the repository root (StoriBoard.Grains.sln) above the test binaries.");
    }
}
