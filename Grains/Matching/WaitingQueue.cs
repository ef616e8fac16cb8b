namespace StoriBoard.Matching;

/// <summary>Waiting conversations in the order they are served: red flags first, then by risk, then longest waiting.</summary>
public sealed class WaitingQueue
{
    private readonly Dictionary<string, WaitingConversation> _byId = new(StringComparer.Ordinal);
    private readonly SortedSet<WaitingConversation> _ordered = new(ServiceOrder.Instance);

    public static IComparer<WaitingConversation> Order => ServiceOrder.Instance;

    public int Count => _byId.Count;

    public IEnumerable<WaitingConversation> InOrder => _ordered;

    public WaitingConversation? Find(string conversationId) => _byId.GetValueOrDefault(conversationId);

    public void Add(WaitingConversation waiting)
    {
        _byId[waiting.ConversationId] = waiting;
        waiting.FreezeOrder();
        _ordered.Add(waiting);
    }

    /// <summary>A new request for a waiting conversation (its risk rose): it moves to its new place.</summary>
    public void Update(WaitingConversation waiting, MatchRequest request)
    {
        _ordered.Remove(waiting);
        waiting.Replace(request);
        waiting.FreezeOrder();
        _ordered.Add(waiting);
    }

    public bool Remove(string conversationId, out WaitingConversation waiting)
    {
        if (!_byId.Remove(conversationId, out waiting!))
        {
            return false;
        }

        _ordered.Remove(waiting);
        return true;
    }

    /// <summary>1 for the first served.</summary>
    public int PositionOf(WaitingConversation waiting)
    {
        var position = 1;
        foreach (var ahead in _ordered)
        {
            if (ahead == waiting)
            {
                return position;
            }

            position++;
        }

        return position;
    }

    private sealed class ServiceOrder : IComparer<WaitingConversation>
    {
        public static readonly ServiceOrder Instance = new();

        public int Compare(WaitingConversation? x, WaitingConversation? y)
        {
            var byRisk = y!.OrderRisk.CompareTo(x!.OrderRisk);
            if (byRisk != 0)
            {
                return byRisk;
            }

            var bySince = x.OrderSince.CompareTo(y.OrderSince);
            return bySince != 0 ? bySince : string.CompareOrdinal(x.ConversationId, y.ConversationId);
        }
    }
}

/// <summary>One conversation waiting in a shard: its request, its open offers, and who is not to be offered it again.</summary>
public sealed class WaitingConversation(MatchRequest request)
{
    private MatchRequest _request = request;

    public string ConversationId => _request.ConversationId;

    /// <summary>The request as scored: with the supporters who declined or let an offer lapse excluded.</summary>
    public MatchRequest Request => _request;

    public HashSet<string> DeclinedBy { get; } = new(StringComparer.Ordinal);

    public HashSet<string> LetLapse { get; } = new(StringComparer.Ordinal);

    /// <summary>Supporters who handed this red flag back because every offer they held was a red flag too.</summary>
    public HashSet<string> HandedBack { get; } = new(StringComparer.Ordinal);

    public List<Offer> Offers { get; } = [];

    /// <summary>True while its last search found nobody because it is waiting for someone who shares the experience.</summary>
    public bool HoldingForSharedExperience { get; set; }

    public RiskLevel OrderRisk { get; private set; }

    public DateTimeOffset OrderSince { get; private set; }

    public bool Offered(string supporterId) => Offers.Exists(o => o.SupporterId == supporterId);

    public void Replace(MatchRequest request)
    {
        _request = request;
        Exclusions();
    }

    public void FreezeOrder()
    {
        OrderRisk = _request.Risk;
        OrderSince = _request.WaitingSince;
    }

    /// <summary>Rebuilds the request's exclusions after a decline or a lapse.</summary>
    public void Exclusions() =>
        _request = _request with { ExcludedSupporters = [.. DeclinedBy.Union(LetLapse, StringComparer.Ordinal)] };
}
