namespace StoriBoard.Matching;

/// <summary>
/// The online supporters one matchmaker shard can offer, indexed so a decision never scans them all: those with free
/// room right now in groups of the same lived experience (found through each theme), and all of them in fairness order
/// (least loaded, then longest idle).
/// Offers this shard has out count as taken places, and so do offers held from other shards, as last announced.
/// </summary>
public sealed class SupporterIndex
{
    private readonly Dictionary<string, SupporterEntry> _online = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ExperienceGroup> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ExperienceGroup>> _groupsByTheme = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _onlineByTheme = new(StringComparer.Ordinal);
    private readonly SortedSet<SupporterEntry> _freeByFairness = new(SupporterEntry.FairnessOrder);
    private readonly PriorityQueue<SupporterEntry, DateTimeOffset> _coolingDown = new();

    public int OnlineCount => _online.Count;

    /// <summary>Free places across every supporter who can take an offer now.</summary>
    public int FreeSlots { get; private set; }

    /// <summary>Free supporters, least loaded and longest idle first.</summary>
    public IEnumerable<SupporterEntry> ByFairness => _freeByFairness;

    public SupporterEntry? Find(string supporterId) => _online.GetValueOrDefault(supporterId);

    public IEnumerable<SupporterEntry> Online => _online.Values;

    /// <summary>How many online supporters, free or busy, have lived through the theme.</summary>
    public int OnlineWith(string theme) => _onlineByTheme.GetValueOrDefault(theme);

    /// <summary>Groups with someone free who has lived through any of these themes, each once per <paramref name="stamp"/>.</summary>
    public IEnumerable<ExperienceGroup> GroupsWithAnyOf(ThemeScore[] themes, int stamp)
    {
        foreach (var theme in themes)
        {
            foreach (var group in _groupsByTheme.GetValueOrDefault(theme.Id) ?? [])
            {
                if (group.Free.Count > 0 && group.Visit(stamp))
                {
                    yield return group;
                }
            }
        }
    }

    /// <summary>Takes a supporter's announcement; true when they have more free room than before.</summary>
    public bool Announce(SupporterAvailability availability, DateTimeOffset now)
    {
        if (availability.Presence != Presence.Online)
        {
            Remove(availability.SupporterId);
            return false;
        }

        if (!_online.TryGetValue(availability.SupporterId, out var entry))
        {
            entry = new SupporterEntry(availability, GroupOf(availability.Profile.LivedExperience));
            _online[entry.Id] = entry;
            CountThemes(entry, +1);
            return Change(entry, now, () => { });
        }

        if (!entry.Announced.Profile.LivedExperience.SequenceEqual(availability.Profile.LivedExperience))
        {
            Leave(entry);
            CountThemes(entry, -1);
            entry.Announced = availability;
            entry.Group = GroupOf(availability.Profile.LivedExperience);
            CountThemes(entry, +1);
        }

        return Change(entry, now, () => entry.Announced = availability);
    }

    public void Remove(string supporterId)
    {
        if (_online.Remove(supporterId, out var entry))
        {
            Leave(entry);
            CountThemes(entry, -1);
        }
    }

    /// <summary>An offer from this shard takes one of the supporter's places until it is accepted, declined or moves on.</summary>
    public void Reserve(SupporterEntry entry, DateTimeOffset now) => Change(entry, now, () => entry.OwnOffers++);

    /// <summary>True when the place given back leaves the supporter with more free room.</summary>
    public bool Unreserve(string supporterId, DateTimeOffset now) =>
        _online.TryGetValue(supporterId, out var entry) && Change(entry, now, () => entry.OwnOffers--);

    /// <summary>The supporter accepted: counted as a chat at once, before their own announcement arrives.</summary>
    public void Accepted(string supporterId, double load, DateTimeOffset now)
    {
        if (_online.TryGetValue(supporterId, out var entry))
        {
            Change(entry, now, () =>
            {
                entry.OwnOffers--;
                entry.Announced = entry.Announced with
                {
                    ActiveChats = entry.Announced.ActiveChats + 1,
                    WeightedLoad = entry.Announced.WeightedLoad + load,
                };
            });
        }
    }

    /// <summary>Supporters whose cool-down has ended and who can take offers again.</summary>
    public List<SupporterEntry> EndCoolDowns(DateTimeOffset now)
    {
        var rested = new List<SupporterEntry>();
        while (_coolingDown.TryPeek(out var entry, out var until) && until <= now)
        {
            _coolingDown.Dequeue();
            entry.QueuedCoolDown = null;
            if (_online.TryGetValue(entry.Id, out var current) && current == entry && Change(entry, now, () => { }))
            {
                rested.Add(entry);
            }
        }

        return rested;
    }

    private bool Change(SupporterEntry entry, DateTimeOffset now, Action change)
    {
        var freeBefore = entry.Joined ? entry.FreeSlots : 0;
        Leave(entry);
        change();
        entry.Refresh();
        if (entry.Announced.IsCoolingDown(now))
        {
            var until = entry.Announced.CoolDownUntil!.Value;
            if (entry.QueuedCoolDown != until)
            {
                entry.QueuedCoolDown = until;
                _coolingDown.Enqueue(entry, until);
            }
        }
        else if (entry.FreeSlots > 0)
        {
            Join(entry);
        }

        return (entry.Joined ? entry.FreeSlots : 0) > freeBefore;
    }

    private void Join(SupporterEntry entry)
    {
        entry.FreezeOrder();
        entry.Joined = true;
        FreeSlots += entry.FreeSlots;
        _freeByFairness.Add(entry);
        entry.Group.Free.Add(entry);
    }

    private void Leave(SupporterEntry entry)
    {
        if (!entry.Joined)
        {
            return;
        }

        entry.Joined = false;
        FreeSlots -= entry.FreeSlots;
        _freeByFairness.Remove(entry);
        entry.Group.Free.Remove(entry);
    }

    private ExperienceGroup GroupOf(string[] livedExperience)
    {
        var key = ExperienceGroup.KeyOf(livedExperience);
        if (!_groups.TryGetValue(key, out var group))
        {
            _groups[key] = group = new ExperienceGroup(key.Length == 0 ? [] : key.Split(','));
            foreach (var theme in group.LivedExperience)
            {
                if (!_groupsByTheme.TryGetValue(theme, out var withTheme))
                {
                    _groupsByTheme[theme] = withTheme = [];
                }

                withTheme.Add(group);
            }
        }

        return group;
    }

    private void CountThemes(SupporterEntry entry, int delta)
    {
        foreach (var theme in entry.Announced.Profile.LivedExperience)
        {
            _onlineByTheme[theme] = _onlineByTheme.GetValueOrDefault(theme) + delta;
        }
    }
}

/// <summary>One online supporter as a shard sees them: what they announced, and the places this shard's offers take.</summary>
public sealed class SupporterEntry(SupporterAvailability announced, ExperienceGroup group)
{
    /// <summary>Least loaded first, then longest idle: the order of fairness among the free.</summary>
    public static readonly IComparer<SupporterEntry> FairnessOrder = Comparer<SupporterEntry>.Create((x, y) =>
    {
        var byLoad = x!.OrderLoad.CompareTo(y!.OrderLoad);
        if (byLoad != 0)
        {
            return byLoad;
        }

        var byIdle = x.OrderIdleSince.CompareTo(y.OrderIdleSince);
        return byIdle != 0 ? byIdle : string.CompareOrdinal(x.Id, y.Id);
    });

    private int _stamp;

    public string Id => Announced.SupporterId;

    public SupporterAvailability Announced { get; set; } = announced;

    public ExperienceGroup Group { get; set; } = group;

    /// <summary>Offers this shard has out to the supporter.</summary>
    public int OwnOffers { get; set; }

    /// <summary>The supporter with every offer they hold counted as a chat: what scoring sees.</summary>
    public SupporterAvailability View { get; private set; } = announced;

    public int FreeSlots => Announced.Profile.MaxConcurrentChats - View.ActiveChats;

    /// <summary>When the index will look at this supporter again because their cool-down ends.</summary>
    public DateTimeOffset? QueuedCoolDown { get; set; }

    /// <summary>True while the supporter sits in the free indexes.</summary>
    public bool Joined { get; set; }

    /// <summary>The fairness position, frozen while in the ordered index so it can be found again.</summary>
    public double OrderLoad { get; private set; }

    public DateTimeOffset OrderIdleSince { get; private set; }

    public void Refresh()
    {
        var reserved = Math.Max(OwnOffers, Announced.HeldOffers);
        View = reserved == 0
            ? Announced
            : Announced with
            {
                ActiveChats = Announced.ActiveChats + reserved,
                WeightedLoad = Announced.WeightedLoad + reserved,
            };
    }

    public void FreezeOrder()
    {
        OrderLoad = View.WeightedLoad / Math.Max(1, View.Profile.MaxConcurrentChats);
        OrderIdleSince = View.IdleSince;
    }

    /// <summary>True the first time within one decision, so a supporter in several theme sets is scored once.</summary>
    public bool Visit(int stamp)
    {
        if (_stamp == stamp)
        {
            return false;
        }

        _stamp = stamp;
        return true;
    }
}
