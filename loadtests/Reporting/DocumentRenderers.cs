using System.Net;
using System.Text;

namespace StoriBoard.LoadTests.Reporting;

/// <summary>Renders a <see cref="ReportDocument"/> as Markdown and as a self-contained HTML page.</summary>
public static class DocumentRenderers
{
    public static string Markdown(ReportDocument document)
    {
        var text = new StringBuilder().Append("# ").AppendLine(document.Title).AppendLine();
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case ReportDocument.HeadingBlock h:
                    text.Append("## ").AppendLine(h.Text).AppendLine();
                    break;
                case ReportDocument.FactsBlock f:
                    foreach (var (name, value) in f.Facts)
                    {
                        text.Append("- **").Append(name).Append(":** ").AppendLine(value);
                    }

                    text.AppendLine();
                    break;
                case ReportDocument.TableBlock t:
                    text.Append("| ").AppendJoin(" | ", t.Headers).AppendLine(" |");
                    text.Append('|').AppendJoin("|", t.Headers.Select(_ => " --- ")).AppendLine("|");
                    foreach (var row in t.Rows)
                    {
                        text.Append("| ").AppendJoin(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))).AppendLine(" |");
                    }

                    text.AppendLine();
                    break;
                case ReportDocument.ImageBlock i:
                    text.Append("![").Append(i.Caption).Append("](").Append(i.FileName).AppendLine(")").AppendLine();
                    break;
            }
        }

        return text.ToString();
    }

    public static string Html(ReportDocument document)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder()
            .AppendLine("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<title>").Append(E(document.Title)).AppendLine("</title>")
            .AppendLine("<style>body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}"
                + "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:right}"
                + "th:first-child,td:first-child{text-align:left}th{background:#f3f3f3}img{max-width:100%}"
                + ".fail{color:#b00;font-weight:bold}.pass{color:#070}</style></head><body>")
            .Append("<h1>").Append(E(document.Title)).AppendLine("</h1>");
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case ReportDocument.HeadingBlock h:
                    html.Append("<h2>").Append(E(h.Text)).AppendLine("</h2>");
                    break;
                case ReportDocument.FactsBlock f:
                    html.AppendLine("<ul>");
                    foreach (var (name, value) in f.Facts)
                    {
                        html.Append("<li><b>").Append(E(name)).Append(":</b> ").Append(E(value)).AppendLine("</li>");
                    }

                    html.AppendLine("</ul>");
                    break;
                case ReportDocument.TableBlock t:
                    html.Append("<table><tr>").AppendJoin("", t.Headers.Select(c => $"<th>{E(c)}</th>")).AppendLine("</tr>");
                    foreach (var row in t.Rows)
                    {
                        html.Append("<tr>").AppendJoin("", row.Select(Cell)).AppendLine("</tr>");
                    }

                    html.AppendLine("</table>");
                    break;
                case ReportDocument.ImageBlock i:
                    html.Append("<figure><img src=\"").Append(E(i.FileName)).Append("\" alt=\"").Append(E(i.Caption))
                        .Append("\"><figcaption>").Append(E(i.Caption)).AppendLine("</figcaption></figure>");
                    break;
            }
        }

        return html.AppendLine("</body></html>").ToString();

        static string Cell(string value) => value switch
        {
            Verdict.Fail => $"<td class=\"fail\">{E(value)}</td>",
            Verdict.Pass => $"<td class=\"pass\">{E(value)}</td>",
            _ => $"<td>{E(value)}</td>",
        };
    }
}

/// <summary>The words a verdict cell uses, so the HTML can colour them.</summary>
public static class Verdict
{
    public const string Pass = "pass";
    public const string Fail = "FAIL";

    public static string Of(bool passed) => passed ? Pass : Fail;
}
