namespace AnomalyLab.Masks;

/// <summary>
/// 2-D gradient (Perlin) noise as DSR's <c>rand_perlin_2d_np</c> computes it (Zavrtanik et al., DSR, ECCV 2022; Perlin 2002 quintic fade):
/// a lattice of <c>res_rows × res_cols</c> cells over the image, a unit gradient at each lattice corner, and at each pixel the fade-weighted
/// blend of the four corner ramps, times √2. Pure functions.
/// </summary>
public static class PerlinNoise
{
    /// <summary>Random gradient angles in [0, 2π) for a lattice of <paramref name="resRows"/> × <paramref name="resCols"/> cells: <c>[resRows + 1, resCols + 1]</c>.</summary>
    public static double[,] RandomAngles(int resRows, int resCols, SplitMix64 rng)
    {
        var angles = new double[resRows + 1, resCols + 1];
        for (int i = 0; i <= resRows; i++)
            for (int j = 0; j <= resCols; j++) angles[i, j] = 2 * Math.PI * rng.NextDouble();
        return angles;
    }

    /// <summary>
    /// Noise <c>[height, width]</c> from gradient <paramref name="angles"/> <c>[res_rows + 1, res_cols + 1]</c>. Pixel (i, j) sits at lattice
    /// coordinate (i · res_rows / height, j · res_cols / width): its cell is the integer part (computed exactly) and its offset the fractional
    /// part — DSR's <c>mgrid(...) % 1</c> with cells repeated <c>height / res_rows</c> times. Values lie in about [−1, 1].
    /// </summary>
    public static double[,] Evaluate(int height, int width, double[,] angles)
    {
        int resRows = angles.GetLength(0) - 1, resCols = angles.GetLength(1) - 1;
        if (resRows < 1 || resCols < 1) throw new ArgumentException($"gradient lattice must be at least 2 × 2 corners, found {angles.GetLength(0)} × {angles.GetLength(1)}", nameof(angles));
        if (resRows > height || resCols > width) throw new ArgumentException($"lattice {resRows} × {resCols} cells is finer than the {height} × {width} image", nameof(angles));
        double deltaRow = (double)resRows / height, deltaCol = (double)resCols / width;
        var noise = new double[height, width];
        for (int i = 0; i < height; i++)
        {
            double x = i * deltaRow;
            double fx = x - Math.Floor(x);
            int cx = (int)((long)i * resRows / height);
            double tx = Fade(fx);
            for (int j = 0; j < width; j++)
            {
                double y = j * deltaCol;
                double fy = y - Math.Floor(y);
                int cy = (int)((long)j * resCols / width);
                double n00 = Ramp(angles[cx, cy], fx, fy);
                double n10 = Ramp(angles[cx + 1, cy], fx - 1, fy);
                double n01 = Ramp(angles[cx, cy + 1], fx, fy - 1);
                double n11 = Ramp(angles[cx + 1, cy + 1], fx - 1, fy - 1);
                double ty = Fade(fy);
                double n0 = n00 + (n10 - n00) * tx;
                double n1 = n01 + (n11 - n01) * tx;
                noise[i, j] = Math.Sqrt(2) * (n0 + (n1 - n0) * ty);
            }
        }
        return noise;
    }

    /// <summary>
    /// Rotates <paramref name="image"/> by <paramref name="degrees"/> about its centre ((H − 1)/2, (W − 1)/2) with bilinear interpolation and
    /// zero fill outside — what imgaug's <c>Affine(rotate=…)</c> (order 1, constant mode, cval 0) does to DSR's noise map.
    /// </summary>
    public static double[,] Rotate(double[,] image, double degrees)
    {
        int h = image.GetLength(0), w = image.GetLength(1);
        if (degrees == 0) return (double[,])image.Clone();
        double radians = degrees * Math.PI / 180, cos = Math.Cos(radians), sin = Math.Sin(radians);
        double cr = (h - 1) / 2.0, cc = (w - 1) / 2.0;
        var result = new double[h, w];
        for (int r = 0; r < h; r++)
            for (int c = 0; c < w; c++)
            {
                // Inverse map: the source pixel that lands on (r, c).
                double dy = r - cr, dx = c - cc;
                double sr = cr + cos * dy - sin * dx;
                double sc = cc + sin * dy + cos * dx;
                result[r, c] = Bilinear(image, sr, sc);
            }
        return result;
    }

    private static double Bilinear(double[,] image, double r, double c)
    {
        int h = image.GetLength(0), w = image.GetLength(1);
        int r0 = (int)Math.Floor(r), c0 = (int)Math.Floor(c);
        double fr = r - r0, fc = c - c0;
        return (1 - fr) * ((1 - fc) * At(r0, c0) + fc * At(r0, c0 + 1)) + fr * ((1 - fc) * At(r0 + 1, c0) + fc * At(r0 + 1, c0 + 1));

        double At(int rr, int cc2) => rr >= 0 && rr < h && cc2 >= 0 && cc2 < w ? image[rr, cc2] : 0.0;
    }

    private static double Fade(double t) => t * t * t * (t * (t * 6 - 15) + 10);

    private static double Ramp(double angle, double dx, double dy) => Math.Cos(angle) * dx + Math.Sin(angle) * dy;
}
