using System.Text.Json;
using AnomalyLab.Masks;
using AnomalyLab.Tests.TestSupport;

namespace AnomalyLab.Tests.Masks;

/// <summary>Nearest and max-pool resizing against torch 1.13 goldens (tests/goldens/masks_goldens.py).</summary>
public sealed class MaskResizeTests
{
    private static readonly JsonElement Cases = JsonDocument.Parse(File.ReadAllText(RepoPaths.Goldens("masks", "resize.json"))).RootElement.GetProperty("cases");

    public static TheoryData<string> CaseNames() => new(Cases.EnumerateArray().Select(c => c.GetProperty("name").GetString()!));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Nearest_matches_torch_interpolate(string name)
    {
        var c = Case(name);
        var masks = Decode(c.GetProperty("masks"), c.GetProperty("batch").GetInt32(), c.GetProperty("height").GetInt32(), c.GetProperty("width").GetInt32());
        foreach (var expected in c.GetProperty("nearest").EnumerateArray())
        {
            var grid = new LatentGrid(expected.GetProperty("rows").GetInt32(), expected.GetProperty("columns").GetInt32());
            var actual = MaskResize.Nearest(masks, grid);
            Assert.Equal([masks.Batch, 1, grid.Rows, grid.Columns], actual.Shape);
            Assert.Equal(Encode(actual), expected.GetProperty("masks").EnumerateArray().Select(e => e.GetString()!).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void MaxPool_matches_torch_max_pool2d(string name)
    {
        var c = Case(name);
        var masks = Decode(c.GetProperty("masks"), c.GetProperty("batch").GetInt32(), c.GetProperty("height").GetInt32(), c.GetProperty("width").GetInt32());
        foreach (var expected in c.GetProperty("max_pool").EnumerateArray())
        {
            var actual = MaskResize.MaxPool(masks, expected.GetProperty("kernel_rows").GetInt32(), expected.GetProperty("kernel_columns").GetInt32());
            Assert.Equal(expected.GetProperty("rows").GetInt32(), actual.Height);
            Assert.Equal(expected.GetProperty("columns").GetInt32(), actual.Width);
            Assert.Equal(Encode(actual), expected.GetProperty("masks").EnumerateArray().Select(e => e.GetString()!).ToArray());
        }
    }

    [Fact]
    public void Latent_grids_of_the_seed_spectrogram_are_32x80_and_16x40()
    {
        Assert.Equal(new LatentGrid(32, 80), LatentGrid.Bottom(128, 320));
        Assert.Equal(new LatentGrid(16, 40), LatentGrid.Top(128, 320));
        Assert.Throws<ArgumentException>(() => LatentGrid.Top(4, 320));
    }

    [Fact]
    public void Dsr_max_pool_to_grid_uses_the_integer_ratio_kernel_and_keeps_any_hit()
    {
        var strategy = new AudioBandSegmentMasks(AudioBandSegmentOptions.NarrowBandFewSegments);
        var masks = strategy.Generate(4, 7);
        var pooled = MaskResize.MaxPoolToGrid(masks, LatentGrid.Bottom(128, 320));
        Assert.Equal([4, 1, 32, 80], pooled.Shape);
        Assert.Equal(MaskResize.MaxPool(masks, 4, 4).Data, pooled.Data);
        // Max-pool never loses a masked pixel: every latent cell over a set pixel is set, so coverage can only grow.
        for (int b = 0; b < 4; b++)
        {
            Assert.True(pooled.Coverage(b) >= masks.Coverage(b));
            for (int h = 0; h < 128; h++)
                for (int w = 0; w < 320; w++)
                    if (masks[b, h, w] != 0) Assert.Equal(1f, pooled[b, h / 4, w / 4]);
        }
        var odd = MaskBatch.Zeros(1, 130, 313);
        var error = Assert.Throws<ArgumentException>(() => MaskResize.MaxPoolToGrid(odd, new LatentGrid(32, 80)));
        Assert.Contains("not the grid", error.Message);
    }

    [Fact]
    public void Nearest_to_the_same_size_is_the_identity_and_bad_sizes_are_rejected()
    {
        var masks = new AudioBandSegmentMasks(AudioBandSegmentOptions.Proposed).Generate(2, 1);
        Assert.Equal(masks.Data, MaskResize.Nearest(masks, new LatentGrid(128, 320)).Data);
        Assert.Throws<ArgumentException>(() => MaskResize.Nearest(masks, new LatentGrid(0, 3)));
        Assert.Throws<ArgumentException>(() => MaskResize.MaxPool(masks, 200, 1));
    }

    private static JsonElement Case(string name) => Cases.EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static MaskBatch Decode(JsonElement masks, int batch, int height, int width)
    {
        var data = new float[batch * height * width];
        int b = 0;
        foreach (var mask in masks.EnumerateArray())
        {
            string bits = mask.GetString()!;
            for (int i = 0; i < bits.Length; i++) data[b * height * width + i] = bits[i] == '1' ? 1f : 0f;
            b++;
        }
        return new MaskBatch(batch, height, width, data);
    }

    private static string[] Encode(MaskBatch masks) =>
        Enumerable.Range(0, masks.Batch).Select(b => new string(masks.MaskSpan(b).ToArray().Select(v => v != 0 ? '1' : '0').ToArray())).ToArray();
}
