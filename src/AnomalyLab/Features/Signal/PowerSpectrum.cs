namespace AnomalyLab.Features.Signal;

/// <summary>A one-sided power spectrum: <c>Frequencies[k]</c> in Hz and <c>Power[k]</c> (units²/Hz or units², see the scaling), k = 0..nfft/2.</summary>
public sealed record PowerSpectrum(double[] Frequencies, double[] Power);
