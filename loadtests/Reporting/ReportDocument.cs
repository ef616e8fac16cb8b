namespace StoriBoard.LoadTests.Reporting;

/// <summary>
/// A report as plain content (headings, facts, tables, charts), written once and rendered both as
/// Markdown and as HTML so the two never disagree.
/// </summary>
public sealed class ReportDocument(string title)
{
    private readonly List<Block> _blocks = [];

    public string Title { get; } = title;

    public IReadOnlyList<Block> Blocks => _blocks;

    public ReportDocument Heading(string text) => Add(new HeadingBlock(text));

    public ReportDocument Facts(params (string Name, string Value)[] facts) => Add(new FactsBlock(facts));

    public ReportDocument Table(string[] headers, IEnumerable<string[]> rows) => Add(new TableBlock(headers, rows.ToArray()));

    public ReportDocument Image(string fileName, string caption) => Add(new ImageBlock(fileName, caption));

    private ReportDocument Add(Block block)
    {
        _blocks.Add(block);
        return this;
    }

    public abstract record Block;

    public sealed record HeadingBlock(string Text) : Block;

    public sealed record FactsBlock((string Name, string Value)[] Facts) : Block;

    public sealed record TableBlock(string[] Headers, string[][] Rows) : Block;

    public sealed record ImageBlock(string FileName, string Caption) : Block;
}
