using System.Net;
using System.Net.Sockets;

namespace StoriBoard.Tests.Infrastructure;

public static class Ports
{
    // Below Linux's ephemeral range (32768 and up), so the outgoing connections of the tests themselves (thousands in
    // the load smoke run) cannot take a port between the moment it is chosen and the moment a gateway binds it.
    private const int First = 20_000;
    private const int Last = 32_000;

    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A loopback port free right now, never handed out before in this run.</summary>
    public static int Free()
    {
        lock (HandedOut)
        {
            while (true)
            {
                var port = Random.Shared.Next(First, Last);
                if (HandedOut.Add(port) && CanBind(port))
                {
                    return port;
                }
            }
        }
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
