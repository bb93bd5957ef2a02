using AnomalyLab.Data.Vibration;
using AnomalyLab.Detectors;
using AnomalyLab.Features.Signal;
using AnomalyLab.Metrics;
using AnomalyLab.Plots;

namespace AnomalyLab.Studies.Functional;

/// <summary>Settings of <see cref="FunctionalDetectionStudy"/>.</summary>
/// <param name="WindowLength">Samples per window at 12 kHz (default 2048 ≈ 0.17 s, ≈ 5 shaft turns at 1797 rpm).</param>
/// <param name="WindowsPerRecording">At most this many windows per fault recording (default 50); the normal baseline gives up to twice as many.</param>
/// <param name="Hop">Samples between window starts; null = WindowLength / 2 (the 5-s normal baseline then gives 58 windows instead of 29).</param>
/// <param name="Welch">PSD settings (default nperseg 256 → 129 bins of 46.9 Hz, Hann, 50 % overlap, density).</param>
/// <param name="TrainFraction">Share of the normal windows used for fitting (default 0.5); the rest are the normal test windows.</param>
/// <param name="Detectors">Catalogue names to run; null = every registered detector.</param>
public sealed record FunctionalStudyOptions(int WindowLength = 2048, int WindowsPerRecording = 50, SpectralDensityOptions? Welch = null,
    double TrainFraction = 0.5, IReadOnlyList<string>? Detectors = null, int? Hop = null)
{
    /// <summary>Defaults.</summary>
    public static FunctionalStudyOptions Default { get; } = new();
}

/// <summary>One labelled set of feature rows: windows of one recording (or synthetic class).</summary>
/// <param name="Label">e.g. <c>normal</c>, <c>IR007</c>.</param>
/// <param name="Features"><c>[windows, features]</c>.</param>
public sealed record FeatureGroup(string Label, double[,] Features);

/// <summary>Scores and AUCs of every detector: <c>Auc[detector][fault]</c> (normal test windows vs that fault's windows).</summary>
public sealed record FunctionalStudyResult(
    IReadOnlyList<string> DetectorNames,
    IReadOnlyList<string> FaultLabels,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Auc,
    IReadOnlyDictionary<string, RocCurve> PooledRoc,
    int TrainWindows,
    int NormalTestWindows)
{
    /// <summary>AUC table: one row per detector, one column per fault, plus the mean.</summary>
    public TableFigure AucTable()
    {
        var columns = new List<string> { "detector" };
        columns.AddRange(FaultLabels);
        columns.Add("mean");
        var rows = DetectorNames.Select(d => (IReadOnlyList<object?>)
            [d, .. FaultLabels.Select(f => (object?)Auc[d][f]), FaultLabels.Average(f => Auc[d][f])]).ToList();
        return new TableFigure($"AUC, normal vs each fault ({TrainWindows} training windows, {NormalTestWindows} normal test windows)", columns, rows);
    }

    /// <summary>The pooled ROC curve of every detector on one chart (<see cref="RocCurveChart"/>: AUC in the legend, chance diagonal).</summary>
    public Plotly.NET.GenericChart PooledRocChart(string title) =>
        RocCurveChart.Create(DetectorNames.Select(d => new RocSeries(d, PooledRoc[d].FalsePositiveRates, PooledRoc[d].TruePositiveRates)), title);
}

/// <summary>
/// Functional anomaly detection on vibration signals: windows → log10 Welch PSD features → every detector fitted on normal
/// windows → AUC of normal test windows against each fault class, and pooled ROC curves.
/// </summary>
public static class FunctionalDetectionStudy
{
    /// <summary>
    /// CWRU drive-end windows: the 48 kHz normal baseline is decimated by 4 to the faults' 12 kHz first
    /// (<see cref="FirDecimator"/>), then every recording is cut into windows (the first half of the normal windows, in time order, train) and turned into log-PSD rows.
    /// </summary>
    /// <returns>The normal group first, then one group per fault (label order of <see cref="CwruBearingRecording.InFolder"/>).</returns>
    public static IReadOnlyList<FeatureGroup> CwruGroups(string folder, FunctionalStudyOptions? options = null)
    {
        options ??= FunctionalStudyOptions.Default;
        var groups = new List<FeatureGroup>();
        foreach (var recording in CwruBearingRecording.InFolder(folder))
        {
            double[] signal = recording.ReadDriveEnd();
            int factor = (int)Math.Round(recording.SampleRate / CwruBearingRecording.DriveEnd12kSampleRate);
            if (factor > 1) signal = FirDecimator.Decimate(signal, factor);
            int windows = recording.Fault == CwruFault.Normal ? 2 * options.WindowsPerRecording : options.WindowsPerRecording;
            groups.Add(new FeatureGroup(recording.Label, LogPsdRows(signal, CwruBearingRecording.DriveEnd12kSampleRate, options, windows)));
        }
        return groups;
    }

    /// <summary>
    /// Row-per-signal file (Airbus format) streamed row by row: one log10 Welch PSD row per signal, grouped into
    /// <c>normal</c> (first) and <c>anomalous</c> by <paramref name="anomalous"/> (one flag per row).
    /// </summary>
    public static IReadOnlyList<FeatureGroup> SignalTableGroups(string path, IReadOnlyList<bool> anomalous, double sampleRate, SpectralDensityOptions? welch = null)
    {
        welch ??= new SpectralDensityOptions(256);
        var normalRows = new List<double[]>();
        var anomalousRows = new List<double[]>();
        int row = 0;
        foreach (var signal in SignalTableReader.ReadRows(path))
        {
            if (row >= anomalous.Count) throw new ArgumentException($"{path} has more rows than the {anomalous.Count} labels given.", nameof(anomalous));
            var psd = SpectralDensity.Welch(signal, sampleRate, welch).Power.Select(p => Math.Log10(p + 1e-20)).ToArray();
            (anomalous[row++] ? anomalousRows : normalRows).Add(psd);
        }
        if (row != anomalous.Count) throw new ArgumentException($"{path} has {row} rows but {anomalous.Count} labels were given.", nameof(anomalous));
        return [new FeatureGroup("normal", ToMatrix(normalRows)), new FeatureGroup("anomalous", ToMatrix(anomalousRows))];
    }

    private static double[,] ToMatrix(List<double[]> rows)
    {
        if (rows.Count == 0) throw new ArgumentException("a group has no rows.");
        var m = new double[rows.Count, rows[0].Length];
        for (int r = 0; r < rows.Count; r++) for (int c = 0; c < rows[r].Length; c++) m[r, c] = rows[r][c];
        return m;
    }

    /// <summary>log10 Welch PSD of each window, <c>[windows, nperseg/2 + 1]</c>.</summary>
    public static double[,] LogPsdRows(ReadOnlySpan<double> signal, double sampleRate, FunctionalStudyOptions options, int maxWindows)
    {
        var windows = SignalWindows.Cut(signal, options.WindowLength, options.Hop ?? options.WindowLength / 2, maxWindows);
        var welch = options.Welch ?? new SpectralDensityOptions(256);
        double[,]? rows = null;
        for (int w = 0; w < windows.Count; w++)
        {
            var psd = SpectralDensity.Welch(windows[w], sampleRate, welch).Power;
            rows ??= new double[windows.Count, psd.Length];
            for (int k = 0; k < psd.Length; k++) rows[w, k] = Math.Log10(psd[k] + 1e-20);
        }
        return rows ?? throw new ArgumentException($"signal of {signal.Length} samples is shorter than one window ({options.WindowLength}).");
    }

    /// <summary>
    /// Fits every detector on the first <c>TrainFraction</c> of <paramref name="groups"/>[0] (the normal group) and scores the
    /// remaining normal windows and every other group.
    /// </summary>
    public static FunctionalStudyResult Run(IReadOnlyList<FeatureGroup> groups, FunctionalStudyOptions? options = null)
    {
        options ??= FunctionalStudyOptions.Default;
        var normal = groups[0].Features;
        int n = normal.GetLength(0), train = (int)Math.Round(n * options.TrainFraction);
        if (train < 2 || train >= n) throw new ArgumentException($"normal group has {n} windows; need at least 2 for training and 1 for testing.");
        var trainRows = Rows(normal, 0, train);
        var normalTest = Rows(normal, train, n);
        var faults = groups.Skip(1).ToList();
        var names = options.Detectors ?? DetectorCatalog.Names;
        var auc = new Dictionary<string, IReadOnlyDictionary<string, double>>();
        var roc = new Dictionary<string, RocCurve>();
        foreach (var name in names)
        {
            var detector = DetectorCatalog.Create(name);
            detector.Fit(trainRows);
            var normalScores = detector.Score(normalTest);
            var perFault = new Dictionary<string, double>();
            var pooledScores = new List<double>(normalScores);
            var pooledLabels = new List<bool>(normalScores.Select(_ => false));
            foreach (var fault in faults)
            {
                var faultScores = detector.Score(fault.Features);
                var labels = normalScores.Select(_ => false).Concat(faultScores.Select(_ => true)).ToList();
                perFault[fault.Label] = RocAuc.Auc(labels, normalScores.Concat(faultScores).ToList());
                pooledScores.AddRange(faultScores);
                pooledLabels.AddRange(faultScores.Select(_ => true));
            }
            auc[name] = perFault;
            roc[name] = RocCurve.Compute(pooledLabels, pooledScores);
        }
        return new FunctionalStudyResult(names.ToList(), faults.Select(f => f.Label).ToList(), auc, roc, train, n - train);
    }

    private static double[,] Rows(double[,] x, int from, int to)
    {
        var result = new double[to - from, x.GetLength(1)];
        Buffer.BlockCopy(x, from * x.GetLength(1) * sizeof(double), result, 0, result.Length * sizeof(double));
        return result;
    }
}
