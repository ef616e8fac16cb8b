using System.Text;

namespace StoriBoard.Responding;

/// <summary>One AI message being put together: its parts in order, the content ids it hands out, and its plain-text rendering.</summary>
internal sealed class ReplyDraft(ReplyContext context, Headings headings)
{
    private readonly List<MessagePart> parts = [];
    private readonly List<string> ids = [];

    /// <summary>True when the item was given earlier in the conversation or already in this message.</summary>
    public bool Offered(string id) => context.AlreadyOffered.Contains(id) || ids.Contains(id);

    public void Remember(string id) => ids.Add(id);

    /// <summary>Adds the human part of the message: the sentences given, in order, skipping those left out.</summary>
    public void Acknowledge(params string?[] sentences) =>
        parts.Add(new MessagePart(MessagePartKind.Acknowledgement, null, string.Join(" ", sentences.Where(s => s is not null)), null));

    public void Coping(CopingStrategy? strategy)
    {
        if (strategy is not null && !Offered(strategy.Id))
        {
            parts.Add(new MessagePart(MessagePartKind.Coping, strategy.Title, strategy.Text, null));
            ids.Add(strategy.Id);
        }
    }

    public void Exercise(Exercise? exercise)
    {
        if (exercise is not null && !Offered(exercise.Id))
        {
            var steps = exercise.Steps.Select((step, i) => $"{i + 1}. {step}");
            parts.Add(new MessagePart(MessagePartKind.Exercise, exercise.Title, string.Join("\n", steps), null));
            ids.Add(exercise.Id);
        }
    }

    public void Resource(Resource? resource)
    {
        if (resource is not null && !Offered(resource.Id))
        {
            parts.Add(new MessagePart(MessagePartKind.Resource, resource.Title, resource.Description, resource.Url));
            ids.Add(resource.Id);
        }
    }

    /// <summary>
    /// The region's crisis lines, always shown in full however often they were shown before: a red flag never gets less.
    /// Lines for the red flag's kind (a domestic-abuse line, a children's line) come first; lines for other kinds are left out.
    /// </summary>
    public void CrisisLines(CrisisRegion region, bool emergencyFirst, RedFlagKind? kind = null)
    {
        var kindId = kind?.Id();
        var emergency = new MessagePart(MessagePartKind.Crisis, headings.Emergency, region.ImmediateDanger, null);
        if (emergencyFirst)
        {
            parts.Add(emergency);
        }

        var lines = region.Lines.Where(l => l.For is not null && kindId is not null && l.For.Contains(kindId))
            .Concat(region.Lines.Where(l => l.For is null));
        foreach (var line in lines)
        {
            var text = new StringBuilder(line.Description);
            if (line.Phone is not null)
            {
                text.Append(' ').Append(headings.Call.Replace("{phone}", line.Phone, StringComparison.Ordinal));
            }

            if (line.Text is not null)
            {
                text.Append($" {line.Text}.");
            }

            parts.Add(new MessagePart(MessagePartKind.Crisis, line.Name, text.ToString(), line.Web));
        }

        if (!emergencyFirst)
        {
            parts.Add(emergency);
        }

        ids.Add(ContentLibrary.CrisisContentId(region));
    }

    public AiReply Build(bool connectPeer) => new(Render(), [.. parts], [.. ids.Distinct()], connectPeer);

    /// <summary>The same message as plain text, for clients that ignore parts: each kind of part under its heading.</summary>
    private string Render()
    {
        var text = new StringBuilder();
        MessagePartKind? previousKind = null;
        foreach (var part in parts)
        {
            if (part.Kind != previousKind)
            {
                if (text.Length > 0)
                {
                    text.Append("\n\n");
                }

                var heading = part.Kind switch
                {
                    MessagePartKind.Coping => headings.Coping,
                    MessagePartKind.Exercise => headings.Exercise,
                    MessagePartKind.Resource => headings.Resources,
                    MessagePartKind.Crisis => headings.Crisis,
                    _ => null,
                };
                if (heading is not null)
                {
                    text.Append(heading).Append('\n');
                }
            }
            else
            {
                text.Append('\n');
            }

            text.Append(part.Kind switch
            {
                MessagePartKind.Acknowledgement => part.Text,
                MessagePartKind.Exercise => $"{part.Title}\n{part.Text}",
                _ => $"- {part.Title}: {part.Text}{(part.Url is null ? "" : $" {part.Url}")}",
            });
            previousKind = part.Kind;
        }

        return text.ToString();
    }
}
