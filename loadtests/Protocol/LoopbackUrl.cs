using System.Net;

namespace StoriBoard.LoadTests.Protocol;

/// <summary>The harness only ever targets this machine: a load test must never leave loopback.</summary>
public static class LoopbackUrl
{
    public static Uri Require(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            throw new ArgumentException($"'{url}' is not an http(s) URL.");
        }

        var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));
        if (!loopback)
        {
            throw new ArgumentException($"'{uri.Host}' is not a loopback address: the harness only drives servers on this machine.");
        }

        return new Uri(uri.GetLeftPart(UriPartial.Authority));
    }
}
