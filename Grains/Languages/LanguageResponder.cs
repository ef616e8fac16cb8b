using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoriBoard.Responding;

namespace StoriBoard.Languages;

/// <summary>
/// Answers in the conversation's language, from that language's own library, and puts a short answer in the person's
/// own language before the reply when they wrote in a language the helpline does not serve.
/// </summary>
public sealed class LanguageResponder : IResponder
{
    private readonly Dictionary<string, Responder> responders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ContentLibrary> libraries = new(StringComparer.Ordinal);
    private readonly OtherLanguages others;
    private readonly string defaultLanguage;
    private readonly string servedNames;

    /// <param name="english">The library at the root of content/, loaded once for every part that reads it.</param>
    public LanguageResponder(IServiceProvider services, ContentLibrary english, OtherLanguages others, IOptions<LanguageOptions> options)
    {
        var settings = options.Value;
        foreach (var code in settings.ServedCodes)
        {
            var library = code == Languages.English ? english : ContentLibrary.Load(settings.LibraryDirectory(code));
            libraries[code] = library;
            responders[code] = ActivatorUtilities.CreateInstance<Responder>(services, library);
        }

        this.others = others;
        defaultLanguage = settings.DefaultCode;
        servedNames = string.Join(", ", settings.ServedCodes.Select(others.NameOf));
    }

    /// <summary>The content id that marks a language's short answer as given, so it is said once a conversation.</summary>
    public static string OtherLanguageId(string code) => $"language.{code}";

    public AiReply? Reply(ReplyContext context)
    {
        var reply = For(context.Language).Reply(context);
        if (reply is null)
        {
            return null;
        }

        // Risk is read by a model of English words. In another served language only clear statements are recognised
        // (French caught 9 of 26 red flags at first sight), and in a language not served nothing is read: either way a
        // person is sought every time, so no red flag is left to the AI alone.
        var readOnlyInPart = context.Spoken is not null || (context.Language != Languages.English && responders.ContainsKey(context.Language));
        var connect = reply.ConnectPeer || (readOnlyInPart && context.Status == ConversationStatus.Ai);
        if (context.Spoken is not { } spoken || others.Answer(spoken) is not { } answer)
        {
            return reply with { ConnectPeer = connect };
        }

        var id = OtherLanguageId(spoken);
        if (context.AlreadyOffered.Contains(id))
        {
            return reply with { ConnectPeer = connect };
        }

        var region = Library(context.Language).CrisisLinesFor(context.Region);
        var line = region.Lines.FirstOrDefault(l => l.Phone is not null) ?? region.Lines[0];
        var text = answer
            .Replace("{served}", servedNames, StringComparison.Ordinal)
            .Replace("{contact}", $"{line.Name} ({line.Phone ?? line.Text ?? line.Web})", StringComparison.Ordinal)
            .Replace("{emergency}", region.Emergency, StringComparison.Ordinal);
        return new AiReply(
            $"{text}\n\n{reply.Text}",
            [new MessagePart(MessagePartKind.Acknowledgement, null, text, null), .. reply.Parts],
            [id, .. reply.ContentIds],
            connect);
    }

    public AiReply WhileWaiting(ReplyContext context, QueueStanding standing, bool still = false) =>
        For(context.Language).WhileWaiting(context, standing, still);

    public AiReply OfferPlanStep(ReplyContext context) => For(context.Language).OfferPlanStep(context);

    private Responder For(string language) => responders.GetValueOrDefault(language) ?? responders[defaultLanguage];

    private ContentLibrary Library(string language) => libraries.GetValueOrDefault(language) ?? libraries[defaultLanguage];
}
