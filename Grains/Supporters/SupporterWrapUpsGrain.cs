namespace StoriBoard.Supporters;

/// <summary>
/// One supporter's wrap-ups, kept as their chats end so a supervisor reads them in one look. The conversation stays
/// the record of truth; this is its index by supporter, and holds the newest <see cref="MaxKept"/>.
/// </summary>
public sealed class SupporterWrapUpsGrain(
    [PersistentState("wrapups", Storage.Name)] IPersistentState<SupporterWrapUpsGrain.WrapUpsState> state)
    : Grain, ISupporterWrapUpsGrain
{
    /// <summary>Years of shifts for a volunteer; older ones are still on their conversations.</summary>
    public const int MaxKept = 1000;

    private List<WrapUpView> Kept => state.State.WrapUps;

    public async Task Keep(WrapUpView wrapUp)
    {
        var index = Kept.FindIndex(w => w.ConversationId == wrapUp.ConversationId);
        if (index >= 0)
        {
            Kept[index] = wrapUp;
        }
        else
        {
            Kept.Insert(0, wrapUp);
            if (Kept.Count > MaxKept)
            {
                Kept.RemoveRange(MaxKept, Kept.Count - MaxKept);
            }
        }

        await state.WriteStateAsync();
    }

    public async Task Forget(string conversationId)
    {
        if (Kept.RemoveAll(w => w.ConversationId == conversationId) > 0)
        {
            await (Kept.Count == 0 ? state.ClearStateAsync() : state.WriteStateAsync());
        }
    }

    public Task<WrapUpView[]> Recent(int count)
    {
        if (count is < 1 or > MaxKept)
        {
            throw HelplineException.Invalid($"count is 1 to {MaxKept}.");
        }

        return Task.FromResult(Kept.Take(count).ToArray());
    }

    [GenerateSerializer, Alias("StoriBoard.SupporterWrapUpsGrain.WrapUpsState")]
    public sealed class WrapUpsState
    {
        /// <summary>Newest chat first.</summary>
        [Id(0)] public List<WrapUpView> WrapUps { get; set; } = [];
    }
}
