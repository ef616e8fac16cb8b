namespace StoriBoard;

/// <summary>A supervisor gives this supporter a chat, or takes one over themselves.</summary>
public sealed partial class SupporterGrain
{
    /// <summary>
    /// Like an acceptance, this runs one call at a time on this grain, so the place checked here is still free when the
    /// chat arrives: two chats given at once, or a chat given while an offer is accepted, never overbook the supporter.
    /// A supervisor taking a chat over has chosen to: their presence and load do not stop them.
    /// </summary>
    public async Task<ConversationView> Appoint(string conversationId, Participant supervisor)
    {
        var profile = RequireProfile();
        var takingOver = supervisor.Id == SupporterId;
        if (!takingOver)
        {
            if (EffectivePresence != Presence.Online)
            {
                throw HelplineException.Conflict($"{profile.DisplayName} is not online.");
            }

            if (!Supporters.HeldOffers.HasRoomToAccept(Situation(profile)))
            {
                throw HelplineException.Conflict(
                    $"{profile.DisplayName} has no room for another chat ({S.Active.Count} of {profile.MaxConcurrentChats}).");
            }
        }

        var appointee = new Appointee(
            new SupporterSummary(SupporterId, profile.DisplayName, profile.LivedExperience),
            profile.Languages,
            profile.CrisisTrained,
            profile.Role);
        var conversation = await GrainFactory.GetGrain<IConversationGrain>(conversationId).Appoint(supervisor, appointee);

        S.Active.Add(conversationId);
        if (conversation.Risk.IsRedFlag() && S.RedFlagActive.Add(conversationId))
        {
            S.RedFlagChatsThisShift++;
        }

        await state.WriteStateAsync();
        await PresenceChanged();
        return conversation;
    }
}
