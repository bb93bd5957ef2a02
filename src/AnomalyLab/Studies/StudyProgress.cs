namespace AnomalyLab.Studies;

/// <summary>Progress of a study run: a stage name and units done out of a total (clips, or ids when studying).</summary>
public readonly record struct StudyProgress(string Stage, long Done, long Total);
