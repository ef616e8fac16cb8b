namespace StoriBoard;

/// <summary>One event for the connections of one participant; <see cref="Method"/> is the SignalR client method.</summary>
[GenerateSerializer, Alias("StoriBoard.ClientEvent")]
public sealed record ClientEvent([property: Id(0)] string Method, [property: Id(1)] object Payload)
{
    public static ClientEvent Message(MessageView message) => new(ClientMethods.Message, message);

    public static ClientEvent Conversation(ConversationView conversation) => new(ClientMethods.Conversation, conversation);

    public static ClientEvent Offer(OfferView offer) => new(ClientMethods.Offer, offer);

    public static ClientEvent OfferWithdrawn(string offerId) => new(ClientMethods.OfferWithdrawn, offerId);

    public static ClientEvent RedFlag(ConversationView conversation) => new(ClientMethods.RedFlag, conversation);

    /// <summary>The supervisors' live floor, to the supervisors who asked for it.</summary>
    public static ClientEvent Floor(FloorView floor) => new(ClientMethods.Floor, floor);

    public static ClientEvent Supporter(SupporterView supporter) => new(ClientMethods.Supporter, supporter);

    /// <summary>A seeker message in a peer chat, delivered before it was judged, now with its analysis (supporters only).</summary>
    public static ClientEvent Analysis(MessageView message) => new(ClientMethods.Analysis, message);

    /// <summary>A person's plan changed (to them, and to the supporter of the chat it changed in).</summary>
    public static ClientEvent Plan(PlanView plan) => new(ClientMethods.Plan, plan);

    /// <summary>A check-in has come (to the person only).</summary>
    public static ClientEvent CheckIn(CheckInView checkIn) => new(ClientMethods.CheckIn, checkIn);
}

/// <summary>The names of the events the hubs send (PROTOCOL.md, plus additions documented in the README).</summary>
public static class ClientMethods
{
    public const string Message = "Message";
    public const string Conversation = "Conversation";
    public const string Offer = "Offer";
    public const string OfferWithdrawn = "OfferWithdrawn";
    public const string RedFlag = "RedFlag";
    public const string Supporter = "Supporter";
    public const string Analysis = "Analysis";
    public const string Plan = "Plan";
    public const string CheckIn = "CheckIn";
    public const string Floor = "Floor";

    /// <summary>No payload: fetch History after the last seq seen in each open conversation, since pushes may have been lost.</summary>
    public const string CatchUp = "CatchUp";
}
