using Microsoft.Extensions.Options;
using StoriBoard.Matching;

namespace StoriBoard.Benchmarks;

/// <summary>
/// One language shard of a national helpline at its busiest: 10,000 online supporters with mixed lived experience,
/// 1,000 conversations waiting (each holding an offer), and people arriving, being matched and chats ending.
/// </summary>
public sealed class MatchingScenario
{
    public const int Supporters = 10_000;
    public const int Waiting = 1_000;
    private const int Capacity = 3;

    private readonly Random _random = new(20260314);
    private readonly MatchBoard _board;
    private readonly Dictionary<string, SupporterAvailability> _supporters = [];
    private readonly Queue<string> _chats = new();
    private int _conversations;

    public MatchingScenario()
    {
        var options = new MatchingOptions { Shards = 1 };
        _board = new MatchBoard(
            new LivedExperienceScorer(Options.Create(new MatchScoringOptions())), TimeProvider.System, options, "en/0");
        var now = TimeProvider.System.GetUtcNow();
        for (var i = 0; i < Supporters; i++)
        {
            var lived = Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Pick()).Distinct().ToArray();
            var profile = new SupporterProfile($"Supporter {i}", lived, ["en"], _random.NextDouble() < 0.2, Capacity, Role.Supporter);
            var active = _random.Next(0, Capacity);
            Announce(new SupporterAvailability(
                $"s{i}", profile, Presence.Online, active, active, now.AddMinutes(-_random.Next(0, 60)), 0, null));
        }

        for (var i = 0; i < Waiting; i++)
        {
            _board.Enqueue(NextRequest());
        }
    }

    public int WaitingCount => _board.WaitingCount;

    /// <summary>The decision alone: a new person asks for a peer and is offered the best supporter.</summary>
    public Offer? Decide(MatchRequest request) => _board.Enqueue(request).Made.FirstOrDefault();

    public MatchRequest NextRequest()
    {
        var themes = Enumerable.Range(0, _random.Next(0, 4)).Select(_ => Pick()).Distinct()
            .Select(t => new ThemeScore(t, 0.5 + _random.NextDouble() / 2)).ToArray();
        var risk = _random.NextDouble() < 0.05 ? RiskLevel.High : RiskLevel.Low;
        var id = $"c{_conversations++}";
        return new MatchRequest(
            id, $"p{id}", "en", risk, themes, TimeProvider.System.GetUtcNow(), [], new HandoffCard(string.Empty, themes, [risk], []));
    }

    /// <summary>The rest of a match: the supporter accepts and says so, and an older chat somewhere ends.</summary>
    public void Accept(Offer offer)
    {
        _board.Matched(offer.ConversationId, offer.OfferId);
        Change(offer.SupporterId, +1);
        _chats.Enqueue(offer.SupporterId);
        if (_chats.Count > Waiting)
        {
            Change(_chats.Dequeue(), -1);
        }
    }

    private void Change(string supporterId, int chats)
    {
        var before = _supporters[supporterId];
        Announce(before with { ActiveChats = before.ActiveChats + chats, WeightedLoad = before.WeightedLoad + chats });
    }

    private void Announce(SupporterAvailability availability)
    {
        _supporters[availability.SupporterId] = availability;
        _board.UpdateSupporter(availability);
    }

    private string Pick() => Themes.All[_random.Next(Themes.All.Count)];
}
