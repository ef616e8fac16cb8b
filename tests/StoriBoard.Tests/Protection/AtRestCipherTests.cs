using System.Security.Cryptography;
using System.Text;
using Orleans.Serialization;
using Orleans.Storage;
using StoriBoard.Protection;

namespace StoriBoard.Tests.Protection;

[Trait("Tier", "Unit")]
public sealed class AtRestCipherTests
{
    private static readonly string OldKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string NewKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static AtRestCipher Cipher(string current, params (string Id, string Key)[] keys) => new(new EncryptionOptions
    {
        Keys = keys.ToDictionary(k => k.Id, k => k.Key),
        CurrentKeyId = current,
    });

    [Fact]
    public void A_value_round_trips_and_carries_its_key_id_and_never_its_text()
    {
        var cipher = Cipher("k1", ("k1", OldKey));
        var stored = cipher.Protect("I have saved my tablets"u8, "conversation-1");

        var text = Encoding.ASCII.GetString(stored);
        Assert.StartsWith("sb1.k1.", text);
        Assert.DoesNotContain("tablets", text);
        Assert.Equal("I have saved my tablets", Encoding.UTF8.GetString(cipher.Unprotect(stored, "conversation-1")));
    }

    [Fact]
    public void The_same_text_twice_is_stored_differently_because_each_value_has_its_own_nonce()
    {
        var cipher = Cipher("k1", ("k1", OldKey));
        Assert.NotEqual(cipher.Protect("same"u8, "c"), cipher.Protect("same"u8, "c"));
    }

    [Fact]
    public void An_entry_written_under_an_old_key_is_read_after_the_current_key_changes()
    {
        var before = Cipher("k1", ("k1", OldKey));
        var written = before.Protect("written last month"u8, "conversation-1");

        var rotated = Cipher("k2", ("k1", OldKey), ("k2", NewKey));
        Assert.Equal("written last month", Encoding.UTF8.GetString(rotated.Unprotect(written, "conversation-1")));
        Assert.StartsWith("sb1.k2.", Encoding.ASCII.GetString(rotated.Protect("written today"u8, "conversation-1")));
    }

    [Fact]
    public void A_key_that_was_removed_is_named_in_the_error_and_the_text_is_not()
    {
        var written = Cipher("k1", ("k1", OldKey)).Protect("private words"u8, "c");

        var error = Assert.Throws<CryptographicException>(() => Cipher("k2", ("k2", NewKey)).Unprotect(written, "c"));
        Assert.Contains("StoriBoard__Encryption__Keys__k1", error.Message);
        Assert.DoesNotContain("private", error.Message);
    }

    [Fact]
    public void A_value_moved_to_another_conversation_or_altered_is_refused()
    {
        var cipher = Cipher("k1", ("k1", OldKey));
        var stored = cipher.Protect("for conversation one"u8, "conversation-1");
        Assert.ThrowsAny<CryptographicException>(() => cipher.Unprotect(stored, "conversation-2"));

        var altered = (byte[])stored.Clone();
        altered[^3] = altered[^3] == (byte)'A' ? (byte)'B' : (byte)'A';
        Assert.ThrowsAny<CryptographicException>(() => cipher.Unprotect(altered, "conversation-1"));

        // Relabelling a value with another configured key id fails too: the header is authenticated.
        var relabelled = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(stored).Replace("sb1.k1.", "sb1.k2."));
        Assert.ThrowsAny<CryptographicException>(() => Cipher("k1", ("k1", OldKey), ("k2", OldKey)).Unprotect(relabelled, "conversation-1"));
    }

    [Theory]
    [InlineData(true, null, null, "StoriBoard__Encryption__Keys__")]
    [InlineData(true, "k1", "not base64!", "base64 of exactly 32 bytes")]
    [InlineData(true, "k1", "c2hvcnQ=", "base64 of exactly 32 bytes")]
    [InlineData(false, "k.1", "KEY", "key id")]
    public void Settings_that_cannot_work_are_refused_in_one_line_naming_the_setting(bool required, string? id, string? key, string expected)
    {
        var options = new EncryptionOptions { CurrentKeyId = id };
        if (id is not null)
        {
            options.Keys[id] = key == "KEY" ? OldKey : key!;
        }

        var problem = options.Problem(required);
        Assert.NotNull(problem);
        Assert.Contains(expected, problem);
        Assert.DoesNotContain('\n', problem);
    }

    [Fact]
    public void The_current_key_must_be_configured_and_embedded_mode_needs_no_key()
    {
        var options = new EncryptionOptions { CurrentKeyId = "k2" };
        options.Keys["k1"] = OldKey;
        Assert.Contains("CurrentKeyId 'k2'", options.Problem(required: false));

        Assert.Null(new EncryptionOptions().Problem(required: false));
        options.CurrentKeyId = "K1"; // ids are matched as configuration matches them, without regard to case
        Assert.Null(options.Problem(required: true));
    }

    [Fact]
    public void Grain_state_is_encrypted_whole_and_a_state_stored_in_the_clear_before_is_still_read()
    {
        var json = new JsonGrainStorageSerializer(new OrleansJsonSerializer(
            Microsoft.Extensions.Options.Options.Create(new OrleansJsonSerializerOptions())));
        var serializer = new EncryptedGrainStorageSerializer(json, Cipher("k1", ("k1", OldKey)));
        var state = new NoteState { Note = "he spoke about the bridge", Themes = ["grief"] };

        var stored = serializer.Serialize(state);
        Assert.DoesNotContain("bridge", stored.ToString());
        Assert.DoesNotContain("grief", stored.ToString());
        Assert.Equal(state.Note, serializer.Deserialize<NoteState>(stored)!.Note);

        var clear = json.Serialize(state);
        Assert.Equal(state.Note, serializer.Deserialize<NoteState>(clear)!.Note);
    }

    public sealed class NoteState
    {
        public string? Note { get; set; }

        public List<string> Themes { get; set; } = [];
    }
}
