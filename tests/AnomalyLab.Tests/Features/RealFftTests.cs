using AnomalyLab.Features;

namespace AnomalyLab.Tests.Features;

public class RealFftTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(64)]
    [InlineData(1024)]
    public void Matches_a_direct_dft(int n)
    {
        var random = new Random(n);
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = random.NextDouble() * 2 - 1;
        var fft = new RealFft(n);
        var re = new double[n / 2 + 1];
        var im = new double[n / 2 + 1];
        fft.Forward(x, re, im, fft.CreateScratch());
        for (int k = 0; k <= n / 2; k++)
        {
            double sr = 0, si = 0;
            for (int j = 0; j < n; j++)
            {
                double angle = -2 * Math.PI * ((long)j * k % n) / n;
                sr += x[j] * Math.Cos(angle);
                si += x[j] * Math.Sin(angle);
            }
            Assert.True(Math.Abs(re[k] - sr) < 1e-10 * n && Math.Abs(im[k] - si) < 1e-10 * n, $"n={n} bin {k}: ({re[k]}, {im[k]}) vs ({sr}, {si})");
        }
    }

    [Fact]
    public void Windowed_power_is_the_squared_magnitude_of_the_windowed_frame()
    {
        const int n = 32;
        var random = new Random(3);
        var frame = new double[n];
        for (int i = 0; i < n; i++) frame[i] = random.NextDouble();
        double[] window = Stft.HannWindow(n, n);
        var fft = new RealFft(n);
        var windowed = frame.Select((v, i) => v * window[i]).ToArray();
        var re = new double[n / 2 + 1];
        var im = new double[n / 2 + 1];
        fft.Forward(windowed, re, im, fft.CreateScratch());
        var power = new double[n / 2 + 1];
        var magnitude = new double[n / 2 + 1];
        fft.WindowedPower(frame, window, 2.0, power, fft.CreateScratch());
        fft.WindowedPower(frame, window, 1.0, magnitude, fft.CreateScratch());
        for (int k = 0; k <= n / 2; k++)
        {
            Assert.Equal(re[k] * re[k] + im[k] * im[k], power[k], 12);
            Assert.Equal(Math.Sqrt(power[k]), magnitude[k], 12);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(1000)]
    public void Rejects_sizes_that_are_not_powers_of_two_of_at_least_four(int n) =>
        Assert.Throws<ArgumentException>(() => new RealFft(n));
}
