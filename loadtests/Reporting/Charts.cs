using ScottPlot;

namespace StoriBoard.LoadTests.Reporting;

/// <summary>One line on a chart.</summary>
public sealed record Series(string Label, double[] Xs, double[] Ys);

/// <summary>PNG line charts for the reports.</summary>
public static class Charts
{
    public static void Line(string path, string title, string xLabel, string yLabel, params Series[] series)
    {
        var plot = new Plot();
        foreach (var line in series.Where(s => s.Xs.Length > 0))
        {
            var scatter = plot.Add.Scatter(line.Xs, line.Ys);
            scatter.LegendText = line.Label;
            scatter.MarkerSize = line.Xs.Length > 60 ? 0 : 4;
        }

        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Axes.Margins(bottom: 0);
        plot.SavePng(path, 1000, 420);
    }
}
