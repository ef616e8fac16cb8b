namespace StoriBoard.Staff;

/// <summary>
/// The list of staff: which account holds each e-mail address (addresses are kept lower-cased), and which accounts
/// are admins. One grain for the whole helpline: it is asked at sign-in and by admins, never on a chat's path, and
/// holds a few thousand short entries at most.
/// </summary>
public sealed class StaffDirectoryGrain(
    [PersistentState("staff-directory", Storage.Staff)] IPersistentState<StaffDirectoryGrain.DirectoryState> state)
    : Grain, IStaffDirectoryGrain
{
    public async Task Claim(string email, string accountId, Role role)
    {
        var key = Key(email);
        if (state.State.ByEmail.TryGetValue(key, out var holder) && holder != accountId)
        {
            throw HelplineException.Conflict("Someone on the staff already has this e-mail address.");
        }

        state.State.ByEmail[key] = accountId;
        SetAdmin(accountId, role);
        await state.WriteStateAsync();
    }

    public Task<string?> Find(string email) =>
        Task.FromResult(state.State.ByEmail.TryGetValue(Key(email), out var id) ? id : null);

    public Task<string[]> Accounts() => Task.FromResult(state.State.ByEmail.Values.ToArray());

    public async Task RoleChanged(string accountId, Role role)
    {
        SetAdmin(accountId, role);
        await state.WriteStateAsync();
    }

    public Task<string[]> Admins() => Task.FromResult(state.State.Admins.ToArray());

    private void SetAdmin(string accountId, Role role)
    {
        if (role == Role.Admin)
        {
            state.State.Admins.Add(accountId);
        }
        else
        {
            state.State.Admins.Remove(accountId);
        }
    }

    private static string Key(string email) => email.Trim().ToLowerInvariant();

    [GenerateSerializer, Alias("StoriBoard.Staff.StaffDirectoryGrain.DirectoryState")]
    public sealed class DirectoryState
    {
        [Id(0)] public Dictionary<string, string> ByEmail { get; set; } = [];
        [Id(1)] public HashSet<string> Admins { get; set; } = [];
    }
}
