namespace StoriBoard.Staff;

/// <summary>
/// What a staff password must be: long (12 or more), not one of the passwords every list of breaches starts with, and
/// not the person's own address or name. Length over rules about symbols, as current guidance advises.
/// </summary>
public static class PasswordPolicy
{
    public const int Longest = 256;

    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "123456789012", "1234567890123", "12345678901234", "password1234", "password12345", "passwordpassword",
        "qwertyuiopas", "qwerty123456", "qwertyuiop123", "iloveyou1234", "letmein12345", "welcome12345",
        "administrator", "adminadmin123", "changeme1234", "trustno11234", "football1234", "baseball1234",
        "sunshine1234", "princess1234", "starwars1234", "monkey123456", "dragon123456", "abc123456789",
        "aaaaaaaaaaaa", "111111111111", "000000000000", "1q2w3e4r5t6y", "zaq12wsxcde3", "passw0rd1234",
        "p@ssw0rd1234", "helpline1234", "supporter123", "storiboard12", "correcthorsebatterystaple",
    };

    /// <summary>The password, or a refusal saying what to change. The refusal never repeats the password.</summary>
    public static string Check(string? password, string email, string displayName)
    {
        if (string.IsNullOrEmpty(password))
        {
            throw HelplineException.Invalid("password is required.");
        }

        if (password.Length < StaffOptions.ShortestPassword)
        {
            throw HelplineException.Invalid($"A password needs at least {StaffOptions.ShortestPassword} characters; a short sentence is easy to remember.");
        }

        if (password.Length > Longest)
        {
            throw HelplineException.Invalid($"A password has at most {Longest} characters.");
        }

        if (Common.Contains(password) || password.Distinct().Count() < 4)
        {
            throw HelplineException.Invalid("That password is one of the first anybody would try; choose another.");
        }

        var local = email.Split('@')[0];
        if (Contains(password, email) || (local.Length >= 4 && Contains(password, local)) || Contains(password, displayName.Replace(" ", "")))
        {
            throw HelplineException.Invalid("A password must not contain your e-mail address or your name.");
        }

        return password;
    }

    private static bool Contains(string password, string part) =>
        part.Length >= 3 && password.Replace(" ", "").Contains(part, StringComparison.OrdinalIgnoreCase);
}
