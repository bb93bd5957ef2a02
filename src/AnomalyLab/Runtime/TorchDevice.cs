using TorchSharp;

namespace AnomalyLab.Runtime;

/// <summary>Chooses where tensors live: CUDA when TorchSharp reports a usable GPU, otherwise the CPU.</summary>
public static class TorchDevice
{
    /// <summary>The device models and training use unless told otherwise.</summary>
    public static torch.Device Default => torch.cuda.is_available() ? torch.CUDA : torch.CPU;

    /// <summary>Parses "auto", "cpu", "cuda" or "cuda:N"; "auto" means <see cref="Default"/>.</summary>
    /// <exception cref="ArgumentException">An unknown name, or CUDA asked for where TorchSharp has none.</exception>
    public static torch.Device Parse(string name)
    {
        string normalized = name.Trim().ToLowerInvariant();
        if (normalized is "" or "auto") return Default;
        if (normalized == "cpu") return torch.CPU;
        if (normalized.StartsWith("cuda", StringComparison.Ordinal))
        {
            if (!torch.cuda.is_available())
                throw new ArgumentException($"Device '{name}' asked for, but TorchSharp reports no CUDA device (this build is TorchSharp-cpu or no GPU is present).", nameof(name));
            return torch.device(normalized);
        }
        throw new ArgumentException($"Unknown device '{name}': expected auto, cpu, cuda or cuda:N.", nameof(name));
    }
}
