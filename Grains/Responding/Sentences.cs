namespace StoriBoard.Responding;

/// <summary>Small pieces of English shared by everything that writes to people.</summary>
public static class Sentences
{
    /// <summary>"a", "a and b", "a, b, and c"; with another word for "and" (French "et"), no comma before it: "a, b et c".</summary>
    public static string JoinAsList(IEnumerable<string> items, string and = "and")
    {
        var serialComma = and == "and" ? "," : "";
        var list = items.ToList();
        return list.Count switch
        {
            0 => "",
            1 => list[0],
            2 => $"{list[0]} {and} {list[1]}",
            _ => $"{string.Join(", ", list[..^1])}{serialComma} {and} {list[^1]}",
        };
    }
}
