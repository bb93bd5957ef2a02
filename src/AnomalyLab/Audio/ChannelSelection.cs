namespace AnomalyLab.Audio;

/// <summary>Which mono signal to take from a multi-channel file: one channel by index, or the mean of all.</summary>
public readonly record struct ChannelSelection(bool IsMix, int Index)
{
    /// <summary>The first channel (index 0), what DCASE tools take from mono files.</summary>
    public static ChannelSelection First => new(false, 0);

    /// <summary>Mean over all channels.</summary>
    public static ChannelSelection MixDown => new(true, 0);

    /// <summary>Channel <paramref name="index"/> (0-based).</summary>
    public static ChannelSelection ChannelAt(int index) => new(false, index);

    /// <inheritdoc />
    public override string ToString() => IsMix ? "mix" : $"channel {Index}";
}
