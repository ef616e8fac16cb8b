using System.Net;
using System.Net.Sockets;

namespace StoriBoard.Gateway.Edge;

/// <summary>The key that edge limits count by: the client's IPv4 address, or the /64 network of an IPv6 one (a single
/// IPv6 host usually holds a whole /64, so counting each address would not count it at all).</summary>
public static class ClientAddress
{
    public static string Of(HttpContext context) => Key(context.Connection.RemoteIpAddress);

    public static string Key(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
