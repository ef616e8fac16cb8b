namespace StoriBoard.LoadTests.Memory;

/// <summary>Reads another process's resident memory from /proc, and finds the gateway's process.</summary>
public static class ProcessMemory
{
    /// <summary>VmRSS of a process, in bytes.</summary>
    public static long ResidentBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kilobytes = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]);
                return kilobytes * 1024;
            }
        }

        throw new InvalidOperationException($"Process {pid} reports no VmRSS.");
    }

    /// <summary>The one process whose command line names <paramref name="name"/> (this harness excepted).</summary>
    public static int Find(string name)
    {
        var self = Environment.ProcessId;
        var found = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != self && CommandLine(pid).Contains(name, StringComparison.Ordinal))
            // `dotnet run` leaves its own process naming the project too: the server is the one using the most memory.
            .OrderByDescending(pid => TryResident(pid))
            .ToArray();
        return found.Length > 0 ? found[0] : throw new InvalidOperationException($"No process named {name} is running; pass --gateway-pid.");
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static long TryResident(int pid)
    {
        try
        {
            return ResidentBytes(pid);
        }
        catch (Exception error) when (error is IOException or InvalidOperationException)
        {
            return 0;
        }
    }
}
