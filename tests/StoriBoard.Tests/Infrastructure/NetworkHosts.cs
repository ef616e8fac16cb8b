using System.Diagnostics;

namespace StoriBoard.Tests.Infrastructure;

/// <summary>
/// Hosts of their own on this machine: a network namespace each (iproute2's <c>ip netns</c>), joined to a bridge in the
/// test's namespace, which holds the first address of a private /24. Nothing is routed beyond the bridge: no traffic
/// leaves the machine. Needs root; <see cref="Unavailable"/> says why when the machine cannot make them.
/// </summary>
public sealed class NetworkHosts : IDisposable
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..6];
    private readonly string _subnet = $"10.213.{Random.Shared.Next(1, 255)}";
    private readonly List<string> _namespaces = [];

    private NetworkHosts()
    {
    }

    /// <summary>The bridge's address in the test's own namespace, where Redis and the test's clients are.</summary>
    public string Here => $"{_subnet}.1";

    private string Bridge => $"sbbr{_id}";

    /// <summary>Null when namespaces can be made here; else why not, for a skipped test to say.</summary>
    public static readonly string? Unavailable = Probe();

    public static NetworkHosts Create(int hosts)
    {
        var network = new NetworkHosts();
        try
        {
            Run("ip", "link", "add", network.Bridge, "type", "bridge");
            Run("ip", "addr", "add", $"{network.Here}/24", "dev", network.Bridge);
            Run("ip", "link", "set", network.Bridge, "up");
            for (var i = 0; i < hosts; i++)
            {
                network.AddHost(i);
            }
        }
        catch
        {
            network.Dispose();
            throw;
        }

        return network;
    }

    /// <summary>The namespace and address of host <paramref name="index"/>.</summary>
    public (string Namespace, string Address) Host(int index) => (_namespaces[index], $"{_subnet}.{index + 2}");

    private void AddHost(int index)
    {
        var name = $"sbh{_id}{index}";
        var outside = $"sbv{_id}{index}";
        var inside = $"sbp{_id}{index}";
        Run("ip", "netns", "add", name);
        _namespaces.Add(name);
        Run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside);
        Run("ip", "link", "set", inside, "netns", name);
        Run("ip", "link", "set", outside, "master", Bridge);
        Run("ip", "link", "set", outside, "up");
        Run("ip", "netns", "exec", name, "ip", "addr", "add", $"{_subnet}.{index + 2}/24", "dev", inside);
        Run("ip", "netns", "exec", name, "ip", "link", "set", inside, "up");
        Run("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up");
    }

    public void Dispose()
    {
        // Deleting a namespace deletes its end of the veth pair, and with it the other end.
        foreach (var name in _namespaces)
        {
            Quietly("ip", "netns", "del", name);
        }

        Quietly("ip", "link", "del", Bridge);
    }

    private static string? Probe()
    {
        var name = $"sbprobe{Guid.NewGuid().ToString("N")[..6]}";
        try
        {
            Run("ip", "netns", "add", name);
            Quietly("ip", "netns", "del", name);
            return null;
        }
        catch (Exception failure)
        {
            return $"this machine cannot make network namespaces ({failure.Message}); run as root with iproute2";
        }
    }

    private static void Run(params string[] command)
    {
        using var process = Process.Start(new ProcessStartInfo(command[0], command[1..])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException($"{command[0]} could not start");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{string.Join(' ', command)}' failed: {error.Trim()}");
        }
    }

    private static void Quietly(params string[] command)
    {
        try
        {
            Run(command);
        }
        catch (Exception)
        {
            // Cleanup goes on with the rest.
        }
    }
}
