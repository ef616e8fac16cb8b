using System.Text.Json;
using StoriBoard.Gateway.Hubs;

namespace StoriBoard.Tests.Supervision;

/// <summary>The contract's new fields on the wire, and a whisper kept as one in the transcript store's JSON.</summary>
[Trait("Tier", "Unit")]
public sealed class SupervisionJsonTests
{
    private static readonly MessageView Spoken =
        new("c1", 4, "m4", "k4", Sender.Supervisor, "Sam", "Hello both", DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_supervisors_message_says_supervisor_and_only_a_whisper_carries_whisper()
    {
        var hub = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        HubSetup.UseProtocolJson(hub);

        var spoken = JsonSerializer.Serialize(Spoken, hub);
        Assert.Contains("\"sender\":\"supervisor\"", spoken, StringComparison.Ordinal);
        Assert.DoesNotContain("whisper", spoken, StringComparison.Ordinal);
        Assert.Contains("\"whisper\":true", JsonSerializer.Serialize(Spoken with { Whisper = true }, hub), StringComparison.Ordinal);

        // The transcript store writes with the plain web options: a whisper read back is still a whisper.
        var stored = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var back = JsonSerializer.Deserialize<MessageView>(JsonSerializer.Serialize(Spoken with { Whisper = true }, stored), stored)!;
        Assert.Equal((Sender.Supervisor, true), (back.Sender, back.Whisper));
    }

    [Fact]
    public void The_supervisors_present_are_listed_and_left_out_when_there_are_none()
    {
        var hub = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        HubSetup.UseProtocolJson(hub);
        var view = new ConversationView("c1", ConversationStatus.Peer, [], RiskLevel.Low, null, null, DateTimeOffset.UnixEpoch);

        Assert.DoesNotContain("supervisors", JsonSerializer.Serialize(view, hub), StringComparison.Ordinal);
        Assert.Contains("\"supervisors\":[\"Sam\"]", JsonSerializer.Serialize(view with { Supervisors = ["Sam"] }, hub), StringComparison.Ordinal);
    }
}
