namespace StoriBoard.Gateway.Hubs;

/// <summary>Checks on hub arguments that need no grain call, so malformed ones never reach the cluster.</summary>
public static class HubArguments
{
    public static string ConversationId(string? conversationId) =>
        Id(conversationId, "conversationId");

    public static string OfferId(string? offerId) => Id(offerId, "offerId");

    private static string Id(string? value, string name)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 64 || !value.All(char.IsAsciiLetterOrDigit))
        {
            throw HelplineException.Invalid($"{name} is missing or malformed.");
        }

        return value;
    }
}
