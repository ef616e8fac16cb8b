using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StoriBoard.Languages;
using StoriBoard.Responding;

namespace StoriBoard.Tests.Languages;

/// <summary>The shipped content of every served language and the shipped short answers, loaded once.</summary>
internal static class LanguageKit
{
    public static readonly LanguageOptions Settings = new();

    private static readonly Lazy<OtherLanguages> SharedOthers =
        new(() => OtherLanguages.Load(ContentLibrary.DefaultDirectory, Settings.ServedCodes.ToArray()));

    private static readonly Lazy<ContentLibrary> SharedFrench = new(() => ContentLibrary.Load(Settings.LibraryDirectory("fr")));

    public static OtherLanguages Others => SharedOthers.Value;

    public static ContentLibrary French => SharedFrench.Value;

    public static LanguageResponder NewLanguageResponder() => new(
        new ServiceCollection().BuildServiceProvider(), Responding.ResponderTestKit.Library, Others, Options.Create(Settings));

    public static LanguageReader NewReader(LanguageOptions? settings = null) => new(Options.Create(settings ?? Settings), Others);
}
