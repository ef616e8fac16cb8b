namespace StoriBoard.Gateway.Hubs;

/// <summary>A returning person's list of their own conversations, as the seeker page shows it.</summary>
public static class PastConversations
{
    /// <summary>Newest first. A conversation whose retention has run out is left out rather than failing the list.</summary>
    public static async Task<ConversationView[]> Of(IGrainFactory grains, Participant seeker)
    {
        var ids = await grains.GetGrain<IHelpSeekerGrain>(seeker.Id).Conversations();
        var views = await Task.WhenAll(ids.Select(id => ViewOrNothing(grains.GetGrain<IConversationGrain>(id), seeker)));
        return views.OfType<ConversationView>().OrderByDescending(v => v.StartedAt).ToArray();
    }

    private static async Task<ConversationView?> ViewOrNothing(IConversationGrain conversation, Participant seeker)
    {
        try
        {
            return await conversation.View(seeker);
        }
        catch (HelplineException refusal) when (refusal.Code == ErrorCodes.NotFound)
        {
            return null;
        }
    }
}
