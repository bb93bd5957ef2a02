using AnomalyLab.IO;

namespace AnomalyLab.Detectors;

/// <summary>Reads the 2-D float <c>.npy</c> feature matrices <c>anomalylab detect</c> takes (one row per sample).</summary>
public static class DetectorInputFile
{
    /// <summary>Reads <paramref name="path"/> as <c>[n_samples, n_features]</c> float64 (float32/float64/int arrays accepted).</summary>
    /// <param name="path">The .npy file.</param>
    /// <param name="role">What the file is ("--train", "--test"), for messages.</param>
    /// <exception cref="InvalidDataException">Not 2-D, empty, ragged (object dtype), or a NaN/infinite value; the message names the file.</exception>
    public static double[,] Read(string path, string role)
    {
        NpyArray array;
        try
        {
            array = NpyFile.Read(path);
        }
        catch (InvalidDataException e) when (e.Message.Contains("'|O'", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path} ({role}): an object array — rows of different lengths (ragged) cannot be a feature matrix; pad or trim every row to one length.", e);
        }
        if (array.Shape.Length != 2)
            throw new InvalidDataException($"{path} ({role}): expected a 2-D array [samples, features], found shape ({string.Join(", ", array.Shape)}).");
        if (array.Shape[0] == 0 || array.Shape[1] == 0)
            throw new InvalidDataException($"{path} ({role}): empty array, shape ({array.Shape[0]}, {array.Shape[1]}).");
        double[,] x = FeatureMatrix.ToDouble(array.To2D());
        for (int i = 0; i < x.GetLength(0); i++)
            for (int j = 0; j < x.GetLength(1); j++)
                if (!double.IsFinite(x[i, j]))
                    throw new InvalidDataException($"{path} ({role}): value at row {i}, column {j} is {x[i, j]}; features must be finite.");
        return x;
    }

    /// <summary>
    /// Reads the training and test matrices of <c>anomalylab detect --train --test</c> (each by <see cref="Read"/>, roles
    /// <c>--train</c> and <c>--test</c>) and checks that they have the same feature count.
    /// </summary>
    /// <param name="trainPath">Normal training features, <c>[samples, features]</c> .npy.</param>
    /// <param name="testPath">Features to score, <c>[samples, features]</c> .npy.</param>
    /// <returns>Both matrices, float64, <c>[samples, features]</c>.</returns>
    /// <exception cref="InvalidDataException">A file <see cref="Read"/> refuses.</exception>
    /// <exception cref="ArgumentException">Train and test feature counts differ (both files named).</exception>
    public static (double[,] Train, double[,] Test) ReadPair(string trainPath, string testPath)
    {
        double[,] trainX = Read(trainPath, "--train");
        double[,] testX = Read(testPath, "--test");
        if (trainX.GetLength(1) != testX.GetLength(1))
            throw new ArgumentException($"--test {testPath} has {testX.GetLength(1)} features per row, --train {trainPath} has {trainX.GetLength(1)}.");
        return (trainX, testX);
    }
}
