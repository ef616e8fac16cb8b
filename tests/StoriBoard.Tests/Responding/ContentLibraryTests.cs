using Microsoft.Extensions.DependencyInjection;
using StoriBoard.Languages;
using StoriBoard.Responding;
using Xunit;
using static StoriBoard.Tests.Responding.ResponderTestKit;

namespace StoriBoard.Tests.Responding;

[Trait("Tier", "Unit")]
public sealed class ContentLibraryTests
{
    [Fact]
    public void Every_theme_is_covered_with_enough_to_say()
    {
        foreach (var id in Themes.All)
        {
            Assert.True(Library.Covers(id), $"theme {id} missing");
            var theme = Library.Theme(id);
            Assert.True(theme.Acknowledgements.Length >= 3, id);
            Assert.True(theme.Coping.Length >= 3, id);
            Assert.True(theme.Resources.Length >= 2, id);
            Assert.NotEmpty(theme.LivedExperience);
            Assert.All(theme.Acknowledgements, a => Assert.DoesNotContain("understand exactly", a, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void Every_url_is_an_absolute_web_address()
    {
        var urls = Themes.All.SelectMany(id => Library.Theme(id).Resources.Select(r => r.Url))
            .Concat(ContentLibrary.RequiredRegions.Append("INTL").SelectMany(r => Library.CrisisLinesFor(r).Lines.Select(l => l.Web)).OfType<string>());
        Assert.All(urls, url =>
        {
            Assert.True(Uri.TryCreate(url, UriKind.Absolute, out var uri), url);
            Assert.Contains(uri.Scheme, new[] { "https", "http" });
        });
    }

    [Theory]
    [InlineData("GB", "116 123", "999")]
    [InlineData("uk", "116 123", "999")]
    [InlineData("IE", "116 123", "112")]
    [InlineData("US", "988", "911")]
    [InlineData("CA", "988", "911")]
    [InlineData("AU", "13 11 14", "000")]
    public void Every_region_has_a_crisis_line_with_a_phone_and_an_emergency_number(string region, string phone, string emergency)
    {
        var lines = Library.CrisisLinesFor(region);
        Assert.Contains(lines.Lines, l => l.Phone == phone);
        Assert.Contains(emergency, lines.Emergency, StringComparison.Ordinal);
        Assert.Contains(emergency, lines.ImmediateDanger, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_region_falls_back_to_the_international_lines()
    {
        Assert.Equal("INTL", Library.CrisisLinesFor("ZZ").Region);
        Assert.Equal("INTL", Library.CrisisLinesFor(null).Region);
    }

    [Fact]
    public void Exercises_cover_every_state_and_waiting_has_several()
    {
        Assert.True(Library.Exercises.Count >= 5);
        foreach (var fit in ExerciseFits.All)
        {
            Assert.Contains(Library.Exercises, e => e.Fits.Contains(fit));
        }

        Assert.True(Library.Exercises.Count(e => e.Fits.Contains(ExerciseFits.Waiting)) >= 2);
        Assert.Contains(Library.Exercises, e => e.Id == "exercise.safe-holding");
    }

    [Fact]
    public void A_broken_library_fails_with_every_problem_listed()
    {
        var folder = CopyOfShippedLibrary();
        try
        {
            File.Delete(Path.Combine(folder, "themes", "grief.json"));
            Edit(folder, "themes/work.json", s => s.Replace("https://www.acas.org.uk", "www.acas", StringComparison.Ordinal));
            Edit(folder, "themes/money.json", s => s.Replace("\"money.free-advice\"", "\"money.write-it-down\"", StringComparison.Ordinal));
            Edit(folder, "themes/loneliness.json", s => s.Replace("\"feeling so alone\"", "\"  \"", StringComparison.Ordinal));
            Edit(folder, "crisis-lines.json", s => s.Replace("\"phone\": \"116 123\"", "\"phone\": null", StringComparison.Ordinal));
            Edit(folder, "phrases.json", s => s.Replace("{people} can join you here", "someone can join you here", StringComparison.Ordinal));

            var error = Assert.Throws<ContentLibraryException>(() => ContentLibrary.Load(folder));

            Assert.Contains("theme 'grief' has no content", error.Message, StringComparison.Ordinal);
            Assert.Contains("resource 'work.acas' url 'www.acas' is not an absolute http(s) address", error.Message, StringComparison.Ordinal);
            Assert.Contains("id 'money.write-it-down' is used 2 times", error.Message, StringComparison.Ordinal);
            Assert.Contains("theme 'loneliness': acknowledgements: 1 empty entries", error.Message, StringComparison.Ordinal);
            Assert.Contains("crisis lines for 'GB': no line with a phone number", error.Message, StringComparison.Ordinal);
            Assert.Contains("phrases: peerOffer: a phrase lacks the {people} placeholder", error.Message, StringComparison.Ordinal);
            Assert.Equal(error.Problems.Count, error.Message.Split("  - ").Length - 1);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_malformed_or_missing_file_is_named()
    {
        var folder = CopyOfShippedLibrary();
        try
        {
            File.WriteAllText(Path.Combine(folder, "exercises.json"), "{ \"exercises\": [ { \"id\": \"x\" ");
            File.Delete(Path.Combine(folder, "phrases.json"));
            Edit(folder, "themes/school.json", s => s.Replace("\"label\"", "\"labell\"", StringComparison.Ordinal));

            var error = Assert.Throws<ContentLibraryException>(() => ContentLibrary.Load(folder));

            Assert.Contains(error.Problems, p => p.StartsWith("exercises.json: ", StringComparison.Ordinal));
            Assert.Contains("phrases.json: file is missing", error.Problems);
            Assert.Contains(error.Problems, p => p.StartsWith(Path.Combine("themes", "school.json") + ": ", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_responder_registers_as_singletons_over_the_shipped_library()
    {
        using var provider = new ServiceCollection()
            .AddStoriBoardLanguages(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())
            .AddStoriBoardResponder()
            .BuildServiceProvider();

        var responder = provider.GetRequiredService<IResponder>();

        // One responder per served language, behind the one that picks by the conversation's language.
        Assert.IsType<LanguageResponder>(responder);
        Assert.Same(responder, provider.GetRequiredService<IResponder>());
        Assert.Same(provider.GetRequiredService<ContentLibrary>(), provider.GetRequiredService<ContentLibrary>());
    }

    private static string CopyOfShippedLibrary()
    {
        var folder = Path.Combine(Path.GetTempPath(), "storiboard-content-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.GetFiles(ContentLibrary.DefaultDirectory, "*.json", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(ContentLibrary.DefaultDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return folder;
    }

    private static void Edit(string folder, string file, Func<string, string> change)
    {
        var path = Path.Combine(folder, file);
        var before = File.ReadAllText(path);
        var after = change(before);
        Assert.NotEqual(before, after);
        File.WriteAllText(path, after);
    }
}
