namespace StoriBoard.Conversations;

/// <summary>The client message ids a conversation received lately, per sender: enough to know an honest retry.</summary>
public sealed class RecentClientIds
{
    private const int Kept = 64;

    private readonly HashSet<(string Sender, string ClientMessageId)> _ids = [];
    private readonly Queue<(string Sender, string ClientMessageId)> _order = new();

    public bool Contains(string sender, string? clientMessageId) =>
        clientMessageId is not null && _ids.Contains((sender, clientMessageId));

    public void Add(string sender, string? clientMessageId)
    {
        if (clientMessageId is null || !_ids.Add((sender, clientMessageId)))
        {
            return;
        }

        _order.Enqueue((sender, clientMessageId));
        if (_order.Count > Kept)
        {
            _ids.Remove(_order.Dequeue());
        }
    }
}
