using Orleans.TestingHost;
using StoriBoard.Staff;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Staff;

/// <summary>The account grain on a real test cluster: the lock lifts after its time, sessions are capped, and what is stored holds no secret.</summary>
[Trait("Tier", "Cluster")]
public sealed class StaffAccountGrainTests : IAsyncLifetime
{
    private const string Password = "a long walk along the canal";

    private TestCluster _cluster = null!;

    private IGrainFactory Grains => _cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.AddSiloBuilderConfigurator<QuickLocks>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_lock_refuses_even_the_right_password_until_its_time_is_over()
    {
        var account = await Accepted("jake@helpline.example");
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(ErrorCodes.Unauthorized, (await Assert.ThrowsAsync<HelplineException>(() => account.SignIn("wrong password, twelve+"))).Code);
        }

        Assert.Equal(ErrorCodes.RateLimited, (await Assert.ThrowsAsync<HelplineException>(() => account.SignIn(Password))).Code);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var opened = await account.SignIn(Password);
        Assert.Equal(StaffStatus.Active, opened.Account.Status);

        // A right password clears the count: two more wrong ones do not lock.
        await Assert.ThrowsAsync<HelplineException>(() => account.SignIn("wrong password, twelve+"));
        await account.SignIn(Password);
        await Assert.ThrowsAsync<HelplineException>(() => account.SignIn("wrong password, twelve+"));
        await account.SignIn(Password);
    }

    [Fact]
    public async Task Past_the_cap_a_new_session_ends_the_least_recently_used()
    {
        var account = await Accepted("bea@helpline.example");
        var first = await account.SignIn(Password);
        var second = await account.SignIn(Password);
        var firstSecret = first.RefreshToken.Split('.')[2];
        first = await account.Refresh(first.SessionId, firstSecret); // the first is now the more recent
        var third = await account.SignIn(Password);

        var open = (await account.View()).Sessions.Select(s => s.SessionId).ToHashSet();
        Assert.Equal(new HashSet<string> { first.SessionId, third.SessionId }, open);
        await Assert.ThrowsAsync<HelplineException>(() => account.Refresh(second.SessionId, second.RefreshToken.Split('.')[2]));
    }

    [Fact]
    public async Task Nothing_is_done_to_an_account_that_does_not_exist()
    {
        var nobody = Grains.GetGrain<IStaffAccountGrain>(StaffSecrets.NewId());
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<HelplineException>(() => nobody.View())).Code);
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<HelplineException>(() => nobody.SetActive(false))).Code);
        Assert.Equal(ErrorCodes.Unauthorized, (await Assert.ThrowsAsync<HelplineException>(() => nobody.SignIn(Password))).Code);
        Assert.Equal(ErrorCodes.Unauthorized, (await Assert.ThrowsAsync<HelplineException>(() => nobody.Accept(StaffSecrets.NewSecret(), Password))).Code);
        Assert.Equal(ErrorCodes.Unauthorized, (await Assert.ThrowsAsync<HelplineException>(() => nobody.OpenSession())).Code);
        Assert.False(await nobody.EndSession(StaffSecrets.NewId()));
    }

    [Fact]
    public void Secrets_are_kept_as_hashes_that_only_the_secret_matches()
    {
        var secret = StaffSecrets.NewSecret();
        var kept = StaffSecrets.Keep(secret);
        Assert.True(StaffSecrets.Matches(secret, kept));
        Assert.False(StaffSecrets.Matches(StaffSecrets.NewSecret(), kept));
        Assert.False(StaffSecrets.Matches(secret, null));

        var hash = StaffSecrets.HashPassword(Password);
        Assert.DoesNotContain(Password, hash);
        Assert.True(StaffSecrets.PasswordMatches(hash, Password));
        Assert.False(StaffSecrets.PasswordMatches(hash, Password + "!"));
        Assert.False(StaffSecrets.PasswordMatches(null, Password));
    }

    private async Task<IStaffAccountGrain> Accepted(string email)
    {
        var account = Grains.GetGrain<IStaffAccountGrain>(StaffSecrets.NewId());
        var invitation = await account.Invite(email, new SupporterProfile("Someone", [], ["en"], false, 3, Role.Supporter));
        await account.Accept(invitation.InviteToken.Split('.')[1], Password);
        return account;
    }

    private sealed class QuickLocks : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => ClusterFixture.HelplineGrains(silo, new Dictionary<string, string?>
        {
            ["StoriBoard:Staff:FailuresBeforeLock"] = "2",
            ["StoriBoard:Staff:LockFor"] = "00:00:02",
            ["StoriBoard:Staff:SessionsPerPerson"] = "2",
        });
    }
}
