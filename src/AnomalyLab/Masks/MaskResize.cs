namespace AnomalyLab.Masks;

/// <summary>
/// Resizing mask batches <c>[B, 1, H, W]</c> to latent grids. Pure functions, exact copies of the torch rules the seed and DSR use.
/// </summary>
public static class MaskResize
{
    /// <summary>
    /// <c>F.interpolate(mask, size=(rows, cols), mode="nearest")</c>: output (i, j) takes input
    /// (min(⌊i · s_h⌋, H − 1), min(⌊j · s_w⌋, W − 1)) with s = in/out computed in float32, as torch's <c>nearest_idx</c> does.
    /// </summary>
    public static MaskBatch Nearest(MaskBatch masks, LatentGrid size)
    {
        if (size.Rows < 1 || size.Columns < 1) throw new ArgumentException($"target grid must be at least 1 × 1, found {size}");
        int[] rowIndex = NearestIndices(masks.Height, size.Rows), colIndex = NearestIndices(masks.Width, size.Columns);
        var result = MaskBatch.Zeros(masks.Batch, size.Rows, size.Columns);
        for (int b = 0; b < masks.Batch; b++)
        {
            var source = masks.MaskSpan(b);
            var target = result.MaskSpan(b);
            for (int i = 0; i < size.Rows; i++)
            {
                int sourceRow = rowIndex[i] * masks.Width;
                for (int j = 0; j < size.Columns; j++) target[i * size.Columns + j] = source[sourceRow + colIndex[j]];
            }
        }
        return result;
    }

    /// <summary>Source indices torch's nearest mode reads for an output of <paramref name="outputSize"/> from <paramref name="inputSize"/>.</summary>
    public static int[] NearestIndices(int inputSize, int outputSize)
    {
        var indices = new int[outputSize];
        if (outputSize == inputSize)
        {
            for (int i = 0; i < outputSize; i++) indices[i] = i;
            return indices;
        }
        // torch (aten/src/ATen/native/UpSample.h, nearest_idx): scale = (float)input / output; src = min((int64)floorf(dst * scale), input - 1).
        float scale = (float)inputSize / outputSize;
        for (int i = 0; i < outputSize; i++) indices[i] = Math.Min((int)MathF.Floor(i * scale), inputSize - 1);
        return indices;
    }

    /// <summary>
    /// <c>F.max_pool2d(mask, (kernelRows, kernelCols))</c>: stride = kernel, no padding, floor mode — output ⌊H / k_h⌋ × ⌊W / k_w⌋
    /// (trailing rows/columns that do not fill a window are dropped, as torch does).
    /// </summary>
    public static MaskBatch MaxPool(MaskBatch masks, int kernelRows, int kernelCols)
    {
        if (kernelRows < 1 || kernelCols < 1) throw new ArgumentException($"max-pool kernel must be at least 1 × 1, found {kernelRows} × {kernelCols}");
        if (kernelRows > masks.Height || kernelCols > masks.Width)
            throw new ArgumentException($"max-pool kernel {kernelRows} × {kernelCols} is larger than the {masks.Height} × {masks.Width} mask");
        int rows = masks.Height / kernelRows, cols = masks.Width / kernelCols;
        var result = MaskBatch.Zeros(masks.Batch, rows, cols);
        for (int b = 0; b < masks.Batch; b++)
        {
            var source = masks.MaskSpan(b);
            var target = result.MaskSpan(b);
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++)
                {
                    float max = float.NegativeInfinity;
                    for (int r = i * kernelRows; r < (i + 1) * kernelRows; r++)
                        for (int c = j * kernelCols; c < (j + 1) * kernelCols; c++) max = Math.Max(max, source[r * masks.Width + c]);
                    target[i * cols + j] = max;
                }
        }
        return result;
    }

    /// <summary>
    /// DSR's rule for a mask at a code grid (<c>generate_fake_anomalies_joined</c>): kernel = (int(H / rows), int(W / cols)), then
    /// <see cref="MaxPool"/>. A latent cell is masked if any pixel of its window is. When H or W is not a multiple of the grid the torch
    /// output is ⌊H / k⌋, which can differ from the grid (DSR would then fail to broadcast); that is reported as an error here.
    /// </summary>
    public static MaskBatch MaxPoolToGrid(MaskBatch masks, LatentGrid grid)
    {
        if (grid.Rows < 1 || grid.Columns < 1 || grid.Rows > masks.Height || grid.Columns > masks.Width)
            throw new ArgumentException($"grid {grid} must be between 1 × 1 and the {masks.Height} × {masks.Width} mask");
        int kernelRows = masks.Height / grid.Rows, kernelCols = masks.Width / grid.Columns;
        var pooled = MaxPool(masks, kernelRows, kernelCols);
        if (pooled.Height != grid.Rows || pooled.Width != grid.Columns)
            throw new ArgumentException($"DSR max-pool of a {masks.Height} × {masks.Width} mask with kernel {kernelRows} × {kernelCols} gives {pooled.Height} × {pooled.Width}, not the grid {grid}; use a mask size that is a multiple of the grid or MaxPool directly");
        return pooled;
    }
}
