namespace AnomalyLab.Data.Vibration;

/// <summary>
/// A real numeric array from a MAT-file, converted to double. <c>Values</c> are in MATLAB's column-major order;
/// <c>Dimensions</c> as stored (at least two).
/// </summary>
public sealed record MatArray(string Name, string ClassName, int[] Dimensions, double[] Values)
{
    /// <summary>Rows (first dimension).</summary>
    public int Rows => Dimensions[0];
    /// <summary>Product of the remaining dimensions.</summary>
    public int Columns => Dimensions.Skip(1).Aggregate(1, (a, b) => a * b);

    /// <summary>The array as <c>[rows, columns]</c> (row-major .NET layout).</summary>
    public double[,] To2D()
    {
        var m = new double[Rows, Columns];
        for (int c = 0; c < Columns; c++) for (int r = 0; r < Rows; r++) m[r, c] = Values[c * Rows + r];
        return m;
    }

    /// <summary>The values of a vector (one row or one column), <c>[length]</c>.</summary>
    /// <exception cref="InvalidOperationException">The array is not a vector.</exception>
    public double[] ToVector()
    {
        if (Rows != 1 && Columns != 1) throw new InvalidOperationException($"MAT variable '{Name}' is {Rows}x{Columns}, not a vector.");
        return (double[])Values.Clone();
    }
}
