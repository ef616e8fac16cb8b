using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace StoriBoard.Silo;

/// <summary>
/// A silo started on a port a live silo listens on would be let in beside it, and the cluster would then declare the
/// live one dead as an "older clone" of the new one: its gateway and everyone on it would go. Refuse to start instead.
/// </summary>
public static class SiloPorts
{
    public static void RequireFree(HostingOptions hosting)
    {
        var taken = new[] { (nameof(HostingOptions.SiloPort), hosting.SiloPort), (nameof(HostingOptions.GatewayPort), hosting.GatewayPort) }
            .Where(port => InUse(hosting.SiloIPAddress, port.Item2))
            .Select(port => $"{Settings.Name(HostingOptions.Section, port.Item1)} {port.Item2} is already in use on this host, " +
                "perhaps by a running silo; a second silo on it would push the first out of the cluster. Choose another port or stop the other process.")
            .ToList();
        if (taken.Count > 0)
        {
            throw new OptionsValidationException(HostingOptions.Section, typeof(HostingOptions), taken);
        }
    }

    /// <summary>True when something listens on the port: a plain bind (address reuse, as .NET sets on Linux, but not port sharing) fails.</summary>
    private static bool InUse(IPAddress address, int port)
    {
        var probe = new TcpListener(address, port);
        try
        {
            probe.Start();
            return false;
        }
        catch (SocketException failure) when (failure.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        finally
        {
            probe.Stop();
        }
    }
}
