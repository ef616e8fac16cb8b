using System.Net;
using System.Net.Sockets;

namespace StoriBoard.Continuity;

/// <summary>
/// Which push endpoints the helpline posts to. An endpoint comes from a browser, so anyone can send one: it must be
/// https on the public internet, never an address inside the helpline's own network (its Redis, its silos).
/// </summary>
public static class PushEndpoints
{
    /// <summary>Browsers' endpoints are a few hundred characters.</summary>
    public const int MaxLength = 2048;

    /// <summary>What is wrong with an endpoint, or null.</summary>
    public static string? Problem(string? endpoint, bool allowLoopback)
    {
        if (string.IsNullOrEmpty(endpoint) || endpoint.Length > MaxLength)
        {
            return $"endpoint is an absolute https URL of at most {MaxLength} characters.";
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return "endpoint is an absolute https URL, without user name or fragment.";
        }

        var loopback = IsLoopbackHost(uri);
        if (loopback)
        {
            return allowLoopback && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                ? null
                : "endpoint must be a push service on the internet.";
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            return "endpoint is an https URL.";
        }

        var literal = uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6;
        return literal && !(IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && IsPublic(address))
            ? "endpoint must be a push service on the internet."
            : null;
    }

    /// <summary>
    /// Whether a connection may go to <paramref name="address"/>: a public address, or loopback when allowed. Checked again
    /// when connecting, since a public name can resolve to a private address.
    /// </summary>
    public static bool MayConnect(IPAddress address, bool allowLoopback) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address) ? allowLoopback : IsPublic(address);

    private static bool IsLoopbackHost(Uri uri) =>
        uri.IsLoopback || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);

    private static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] >= 224 // "this" network, private, multicast and reserved
                     || (b[0] == 100 && b[1] is >= 64 and <= 127) // carrier-grade NAT
                     || (b[0] == 169 && b[1] == 254) // link-local, where cloud metadata services answer
                     || (b[0] == 172 && b[1] is >= 16 and <= 31)
                     || (b[0] == 192 && b[1] == 168)
                     || (b[0] == 198 && b[1] is 18 or 19)); // benchmarking
        }

        var v6 = address.GetAddressBytes();
        return !(address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal
                 || address.IsIPv6Multicast || (v6[0] & 0xFE) == 0xFC); // unique local fc00::/7
    }
}
