using System.Buffers.Text;
using System.Security.Claims;
using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Microsoft.Extensions.Options;
using StoriBoard.Continuity;
using StoriBoard.Gateway.Auth;
using StoriBoard.Gateway.Edge;

namespace StoriBoard.Gateway.Api;

/// <summary>
/// A passkey as a return key (docs/protocol.md, "Passkeys"): a seeker with a session makes one; anyone comes back with
/// one, with no user name, as the person whose random user handle it carries. Challenges are kept in a grain and taken
/// once, so an answer cannot be replayed; the relying party checks are the Fido2 library's.
/// </summary>
public static class PasskeyEndpoints
{
    /// <summary>What a browser's credential comes to as JSON, with room to spare; far more is not a passkey answer.</summary>
    public const int MaxAnswerBytes = 16 * 1024;

    /// <summary>The "user name" a browser shows for the passkey: it names neither the person nor the service.</summary>
    public const string NeutralLabel = "Your way back";

    private const string NoPasskey =
        "That passkey did not open anything. It may have been deleted with your data, or made on another site; you can start afresh.";

    private const string Lapsed = "That passkey request has lapsed or was already used. Please try again.";

    public static IServiceCollection AddStoriBoardPasskeys(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<PasskeyOptions>(configuration, PasskeyOptions.Section);
        services.AddSingleton<IFido2>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<PasskeyOptions>>().Value;
            return new Fido2(new Fido2Configuration
            {
                RPID = options.RelyingPartyId,
                RPName = options.RelyingPartyName,
                Origins = options.OriginList.ToHashSet(StringComparer.Ordinal),
                Timeout = (uint)options.ChallengeLifetime.TotalMilliseconds,
                ChallengeSize = 32,
            });
        });
        return services;
    }

    public static RouteGroupBuilder MapPasskeys(this RouteGroupBuilder api)
    {
        api.MapPost("/me/passkey/options", RegistrationOptions).RequireAuthorization(Policies.Seeker);
        api.MapPost("/me/passkey", Register).RequireAuthorization(Policies.Seeker);
        api.MapPost("/sessions/passkey/options", ComeBackOptions).RequireRateLimiting(EdgeLimits.ResumePolicy);
        api.MapPost("/sessions/passkey", ComeBack).RequireRateLimiting(EdgeLimits.ResumePolicy);
        return api;
    }

    private static async Task<IResult> RegistrationOptions(
        ClaimsPrincipal user, IGrainFactory grains, IFido2 fido2, IOptions<PasskeyOptions> settings)
    {
        var seekerId = SeekerId(user);
        var handle = await grains.GetGrain<IPasskeyGrain>(seekerId).Handle();
        var options = fido2.RequestNewCredential(new RequestNewCredentialParams
        {
            User = new Fido2User { Id = handle, Name = NeutralLabel, DisplayName = NeutralLabel },
            ExcludeCredentials = [],
            AuthenticatorSelection = new AuthenticatorSelection
            {
                // Discoverable, so coming back needs no user name; verified by the device where it can.
                ResidentKey = ResidentKeyRequirement.Required,
                UserVerification = UserVerificationRequirement.Preferred,
            },
            AttestationPreference = AttestationConveyancePreference.None,
        });
        return await Issued(grains, settings.Value, options.Challenge, PasskeyCeremonyKind.Register, seekerId, options.ToJson());
    }

    private static async Task<IResult> Register(HttpRequest http, ClaimsPrincipal user, IGrainFactory grains, IFido2 fido2)
    {
        var seekerId = SeekerId(user);
        var answer = await Read<AuthenticatorAttestationRawResponse>(http);
        var ceremony = await Take(grains, answer.Response?.ClientDataJson, PasskeyCeremonyKind.Register);
        if (ceremony.SeekerId != seekerId)
        {
            throw HelplineException.Forbidden("That passkey request was made for someone else.");
        }

        var options = CredentialCreateOptions.FromJson(ceremony.OptionsJson);
        RegisteredPublicKeyCredential made;
        try
        {
            made = await fido2.MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = answer,
                OriginalOptions = options,
                IsCredentialIdUniqueToUserCallback = (args, _) =>
                    grains.GetGrain<IPasskeyCredentialGrain>(Base64Url.EncodeToString(args.CredentialId)).IsFree(),
            });
        }
        catch (Exception failure) when (IsRefusedAnswer(failure))
        {
            throw HelplineException.Invalid("The passkey could not be checked, so it was not kept. Please try again.");
        }

        await grains.GetGrain<IPasskeyGrain>(seekerId).Add(
            Base64Url.EncodeToString(made.Id), new KeptPasskey(seekerId, options.User.Id, made.PublicKey, made.SignCount));
        return Results.NoContent();
    }

    private static Task<IResult> ComeBackOptions(IGrainFactory grains, IFido2 fido2, IOptions<PasskeyOptions> settings)
    {
        // No allowed credentials: the device offers whichever passkey of this site it holds, and that names the person.
        var options = fido2.GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = [],
            UserVerification = UserVerificationRequirement.Preferred,
        });
        return Issued(grains, settings.Value, options.Challenge, PasskeyCeremonyKind.ComeBack, null, options.ToJson());
    }

    /// <summary>A new token for the person whose passkey signed the challenge; anything else is refused and changes nothing.</summary>
    private static async Task<IResult> ComeBack(HttpRequest http, IGrainFactory grains, IFido2 fido2, TokenIssuer tokens)
    {
        var answer = await Read<AuthenticatorAssertionRawResponse>(http);
        var ceremony = await Take(grains, answer.Response?.ClientDataJson, PasskeyCeremonyKind.ComeBack);
        if (answer.RawId is not { Length: > 0 } rawId)
        {
            throw HelplineException.Invalid("rawId is the passkey's credential id, in base64url.");
        }

        var credential = grains.GetGrain<IPasskeyCredentialGrain>(Base64Url.EncodeToString(rawId));
        var kept = await credential.Find() ?? throw new HelplineException(ErrorCodes.Unauthorized, NoPasskey);
        VerifyAssertionResult checkedAnswer;
        try
        {
            checkedAnswer = await fido2.MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = answer,
                OriginalOptions = AssertionOptions.FromJson(ceremony.OptionsJson),
                StoredPublicKey = kept.PublicKey,
                StoredSignatureCounter = kept.SignCount,
                IsUserHandleOwnerOfCredentialIdCallback = (args, _) =>
                    Task.FromResult(args.UserHandle.AsSpan().SequenceEqual(kept.UserHandle)),
            });
        }
        catch (Exception failure) when (IsRefusedAnswer(failure))
        {
            throw new HelplineException(ErrorCodes.Unauthorized, NoPasskey);
        }

        if (!await grains.GetGrain<IPasskeyGrain>(kept.SeekerId).Returned())
        {
            // The person has gone (erased, or expired) and left this record behind: it opens nothing now.
            await credential.Forget();
            throw new HelplineException(ErrorCodes.Unauthorized, NoPasskey);
        }

        await credential.Used(checkedAnswer.SignCount);
        return Results.Ok(new SessionCreated(kept.SeekerId, tokens.Issue(kept.SeekerId, Role.Seeker)));
    }

    private static async Task<IResult> Issued(
        IGrainFactory grains, PasskeyOptions settings, byte[] challenge, PasskeyCeremonyKind kind, string? seekerId, string optionsJson)
    {
        await grains.GetGrain<IPasskeyChallengeGrain>(Base64Url.EncodeToString(challenge))
            .Issue(new PasskeyCeremony(kind, seekerId, optionsJson), settings.ChallengeLifetime);
        return Results.Content(optionsJson, "application/json");
    }

    /// <summary>The ceremony named by the challenge the browser signed over, taken so it cannot be used again.</summary>
    private static async Task<PasskeyCeremony> Take(IGrainFactory grains, byte[]? clientDataJson, PasskeyCeremonyKind kind)
    {
        var challenge = ChallengeOf(clientDataJson);
        var ceremony = await grains.GetGrain<IPasskeyChallengeGrain>(challenge).Take();
        return ceremony is not null && ceremony.Kind == kind ? ceremony : throw new HelplineException(ErrorCodes.Unauthorized, Lapsed);
    }

    private static string ChallengeOf(byte[]? clientDataJson)
    {
        if (clientDataJson is { Length: > 0 })
        {
            try
            {
                using var clientData = JsonDocument.Parse(clientDataJson);
                if (clientData.RootElement.ValueKind == JsonValueKind.Object
                    && clientData.RootElement.TryGetProperty("challenge", out var challenge)
                    && challenge.GetString() is { Length: > 0 and <= 128 } text
                    && Base64Url.IsValid(text))
                {
                    return text;
                }
            }
            catch (JsonException)
            {
                // Answered below, as any other unreadable client data.
            }
        }

        throw HelplineException.Invalid("response.clientDataJSON is base64url of the browser's client data, with its challenge.");
    }

    /// <summary>The credential as the browser gives it (PublicKeyCredential.toJSON()), read with the library's own JSON rules.</summary>
    private static async Task<T> Read<T>(HttpRequest http) where T : class
    {
        if (http.ContentLength > MaxAnswerBytes)
        {
            throw new HelplineException(ErrorCodes.TooLarge, $"A passkey answer is at most {MaxAnswerBytes} bytes.");
        }

        var body = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await http.Body.ReadAsync(buffer, http.HttpContext.RequestAborted)) > 0)
        {
            if (body.Length + read > MaxAnswerBytes)
            {
                throw new HelplineException(ErrorCodes.TooLarge, $"A passkey answer is at most {MaxAnswerBytes} bytes.");
            }

            body.Write(buffer, 0, read);
        }

        try
        {
            return JsonSerializer.Deserialize<T>(body.ToArray())
                ?? throw HelplineException.Invalid("A passkey answer needs a JSON body: the browser's credential.");
        }
        catch (JsonException)
        {
            throw HelplineException.Invalid("A passkey answer needs a JSON body: the browser's credential, as PublicKeyCredential.toJSON() gives it.");
        }
    }

    /// <summary>Whatever the library finds wrong with an answer (a bad signature, origin, challenge, encoding) is the person's refusal, not a fault.</summary>
    private static bool IsRefusedAnswer(Exception failure) => failure is not HelplineException && !Faults.IsFault(failure);

    private static string SeekerId(ClaimsPrincipal user) => user.FindFirstValue("sub")!;
}
