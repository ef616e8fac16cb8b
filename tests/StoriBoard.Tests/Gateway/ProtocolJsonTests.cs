using System.Text.Json;
using StoriBoard.Gateway.Hubs;

namespace StoriBoard.Tests.Gateway;

/// <summary>Message-part kinds are an enum in code and the same lower-case strings as ever on the wire and in Redis.</summary>
[Trait("Tier", "Unit")]
public sealed class ProtocolJsonTests
{
    public static TheoryData<MessagePartKind, string> Kinds => new()
    {
        { MessagePartKind.Acknowledgement, "acknowledgement" },
        { MessagePartKind.Coping, "coping" },
        { MessagePartKind.Exercise, "exercise" },
        { MessagePartKind.Resource, "resource" },
        { MessagePartKind.Crisis, "crisis" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_part_kind_travels_as_its_lower_case_name_to_the_hubs_and_to_the_transcript_store(MessagePartKind kind, string wire)
    {
        var hub = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        HubSetup.UseProtocolJson(hub);
        var transcript = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        foreach (var options in new[] { hub, transcript })
        {
            var json = JsonSerializer.Serialize(new MessagePart(kind, "t", "x", null), options);
            Assert.Contains($"\"kind\":\"{wire}\"", json, StringComparison.Ordinal);
            Assert.Equal(kind, JsonSerializer.Deserialize<MessagePart>($"{{\"kind\":\"{wire}\",\"text\":\"x\"}}", options)!.Kind);
        }
    }
}
