using AnomalyLab.Features;
using AnomalyLab.Plots;
using Microsoft.Data.Analysis;
using Plotly.NET;

namespace AnomalyLab.Notebooks;

/// <summary>
/// Registers the workbench's <c>text/html</c> formatters with Microsoft.DotNet.Interactive.Formatting: Plotly charts,
/// log-mel spectrograms and <c>float[,]</c> arrays as interactive Plotly figures, metrics tables and DataFrames as HTML
/// tables. The package's kernel extension (<c>interactive-extensions/dotnet/extension.dib</c>) calls it when a notebook adds the
/// package with <c>#r "nuget: AnomalyLab, …"</c>, so notebooks never need to. Idempotent: calling it again does nothing.
/// </summary>
public static class NotebookFormatters
{
    private static readonly Lock Gate = new();
    private static bool registered;

    /// <summary>Rows of a DataFrame shown (sortable, <see cref="Reports.DataFrameHtml"/>) before the table is cut. Default 20.</summary>
    public const int DataFrameRows = 20;

    /// <summary>Registers every formatter once per process.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (registered) return;
            registered = true;
            HtmlFormatters.Register<GenericChart>(PlotlyFigureHtml.Fragment, chart => $"Plotly chart ({GenericChart.countTrace(chart)} traces)");
            HtmlFormatters.RegisterChart<LogMelSpectrogram>(spectrogram => SpectrogramPlots.Heatmap(spectrogram),
                spectrogram => $"LogMelSpectrogram [{spectrogram.MelBands}, {spectrogram.Frames}] dB of {spectrogram.Source}");
            HtmlFormatters.RegisterChart<float[,]>(values => SpectrogramPlots.Heatmap(values, $"[{values.GetLength(0)}, {values.GetLength(1)}] array", frameSeconds: null, colorbarTitle: "value"),
                values => $"float[{values.GetLength(0)}, {values.GetLength(1)}]");
            HtmlFormatters.RegisterChart<Masks.MaskBatch>(MaskBatchChart,
                batch => $"MaskBatch [{batch.Batch}, 1, {batch.Height}, {batch.Width}], {batch.Data.Count(v => v != 0) * 100.0 / Math.Max(1, batch.Data.Length):0.#} % masked");
            HtmlFormatters.RegisterChart<Masks.AnomalyExcessMap>(map => SpectrogramPlots.Heatmap(map.Values, $"{map.MachineId}: anomaly excess map", frameSeconds: null, colorbarTitle: "excess (dB)"),
                map => $"AnomalyExcessMap {map.MachineId} [{map.Values.GetLength(0)}, {map.Values.GetLength(1)}]");
            HtmlFormatters.Register<TableFigure>(table => table.ToHtml());
            HtmlFormatters.Register<DataFrame>(frame => Reports.DataFrameHtml.Render(frame, DataFrameRows), frame => frame.ToString());
            // Other areas add their result types here, one line each (HtmlFormatters.Register / RegisterChart).
        }
    }

    /// <summary>Masks shown at most in one grid of 8 panels; the plain text gives the whole shape.</summary>
    public const int MaskPanels = 8;

    private static GenericChart MaskBatchChart(Masks.MaskBatch batch) => MaskComparisonCharts.Categorical(
        Enumerable.Range(0, Math.Min(batch.Batch, MaskPanels)).Select(b => new MaskPanel($"mask {b}", batch.Mask(b))).ToArray(),
        $"{batch.Batch} masks [{batch.Height} × {batch.Width}]" + (batch.Batch > MaskPanels ? $" (first {MaskPanels})" : ""), Masks.MaskReports.BinaryCategories, columns: 4);
}
