using System.Text;
using AnomalyLab.IO;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.IO;

/// <summary>Against files numpy 1.24 itself wrote (tests/goldens/features_goldens.py → Goldens/features/npy_*.npy).</summary>
public class NpyFileTests
{
    [Fact]
    public void Written_bytes_equal_numpy_save_for_the_same_array()
    {
        using var folder = new TempFolder();
        string path = folder.File("f4.npy");
        float[] values = Enumerable.Range(0, 24).Select(i => i - 11.5f).ToArray();
        NpyFile.Write(path, values, 2, 3, 4);
        Assert.Equal(File.ReadAllBytes(RepoPaths.Goldens("features", "npy_f4_2x3x4.npy")), File.ReadAllBytes(path));
    }

    [Fact]
    public void Reads_numpy_files_in_c_and_fortran_order_and_integer_dtypes()
    {
        NpyArray f4 = NpyFile.Read(RepoPaths.Goldens("features", "npy_f4_2x3x4.npy"));
        Assert.Equal([2, 3, 4], f4.Shape);
        Assert.Equal(Enumerable.Range(0, 24).Select(i => i - 11.5f), f4.Values);

        NpyArray fortran = NpyFile.Read(RepoPaths.Goldens("features", "npy_fortran_f8_3x4.npy"));
        Assert.Equal([3, 4], fortran.Shape);
        float[,] matrix = fortran.To2D();
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 4; c++) Assert.Equal((r * 4 + c) / 8f, matrix[r, c]);

        NpyArray i8 = NpyFile.Read(RepoPaths.Goldens("features", "npy_i8_5.npy"));
        Assert.Equal([5], i8.Shape);
        Assert.Equal([-2f, -1f, 0f, 1f, (float)(1L << 40)], i8.Values);
    }

    [Fact]
    public void Two_dimensional_float32_round_trips_and_one_row_vectors_become_one_row()
    {
        using var folder = new TempFolder();
        var values = new float[3, 5];
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 5; c++) values[r, c] = r * 10 + c + 0.25f;
        NpyFile.Write(folder.File("m.npy"), values);
        Assert.Equal(values, NpyFile.Read(folder.File("m.npy")).To2D());

        NpyFile.Write(folder.File("v.npy"), [1.5, 2.5, 3.5], 3);
        float[,] row = NpyFile.Read(folder.File("v.npy")).To2D();
        Assert.Equal((1, 3), (row.GetLength(0), row.GetLength(1)));
        Assert.Equal(2.5f, row[0, 1]);
    }

    [Fact]
    public void Shape_must_hold_exactly_the_values() =>
        Assert.Throws<ArgumentException>(() => NpyFile.Write(Path.Combine(Path.GetTempPath(), "never.npy"), new float[5], 2, 3));

    [Fact]
    public void Bad_files_name_the_file_and_the_problem()
    {
        using var folder = new TempFolder();
        string notNpy = folder.File("text.npy");
        File.WriteAllText(notNpy, "hello, not numpy");
        var error = Assert.Throws<InvalidDataException>(() => NpyFile.Read(notNpy));
        Assert.Contains(notNpy, error.Message);
        Assert.Contains("magic", error.Message);

        string truncated = folder.File("truncated.npy");
        byte[] whole = File.ReadAllBytes(RepoPaths.Goldens("features", "npy_f4_2x3x4.npy"));
        File.WriteAllBytes(truncated, whole[..(whole.Length - 10)]);
        error = Assert.Throws<InvalidDataException>(() => NpyFile.Read(truncated));
        Assert.Contains("truncated .npy data", error.Message);

        string halfFloat = folder.File("f2.npy");
        byte[] patched = (byte[])whole.Clone();
        int at = Encoding.ASCII.GetString(patched).IndexOf("<f4", StringComparison.Ordinal);
        patched[at + 2] = (byte)'2';
        File.WriteAllBytes(halfFloat, patched);
        error = Assert.Throws<InvalidDataException>(() => NpyFile.Read(halfFloat));
        Assert.Contains("dtype '<f2' is not supported", error.Message);

        Assert.Throws<FileNotFoundException>(() => NpyFile.Read(folder.File("absent.npy")));
    }

    [Fact]
    public void ReadInto_fills_a_reused_buffer_and_refuses_other_sizes_and_fortran_order()
    {
        var buffer = new float[24];
        int[] shape = NpyFile.ReadInto(RepoPaths.Goldens("features", "npy_f4_2x3x4.npy"), buffer);
        Assert.Equal([2, 3, 4], shape);
        Assert.Equal(Enumerable.Range(0, 24).Select(i => i - 11.5f), buffer);

        var wrong = Assert.Throws<InvalidDataException>(() => NpyFile.ReadInto(RepoPaths.Goldens("features", "npy_f4_2x3x4.npy"), new float[23]));
        Assert.Contains("npy_f4_2x3x4.npy", wrong.Message);
        Assert.Contains("24 values", wrong.Message);
        var fortran = Assert.Throws<InvalidDataException>(() => NpyFile.ReadInto(RepoPaths.Goldens("features", "npy_fortran_f8_3x4.npy"), new float[12]));
        Assert.Contains("Fortran", fortran.Message);
    }
}
