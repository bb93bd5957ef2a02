using System.Buffers.Binary;
using System.Text;

namespace AnomalyLab.Tests.Audio;

/// <summary>Builds WAV byte images chunk by chunk, including malformed ones, for the reader tests.</summary>
internal sealed class WavImage
{
    private readonly List<byte> _bytes = [];

    public static WavImage Riff(string riff = "RIFF", string form = "WAVE")
    {
        var image = new WavImage();
        image.Ascii(riff).U32(0).Ascii(form);
        return image;
    }

    public WavImage Ascii(string text)
    {
        _bytes.AddRange(Encoding.ASCII.GetBytes(text));
        return this;
    }

    public WavImage U16(int value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)value);
        _bytes.AddRange(b.ToArray());
        return this;
    }

    public WavImage U32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        _bytes.AddRange(b.ToArray());
        return this;
    }

    public WavImage Bytes(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    /// <summary>A chunk with <paramref name="body"/>; <paramref name="declaredSize"/> overrides the size field; odd bodies get the pad byte unless <paramref name="pad"/> is false.</summary>
    public WavImage Chunk(string id, byte[] body, uint? declaredSize = null, bool pad = true)
    {
        Ascii(id).U32(declaredSize ?? (uint)body.Length);
        _bytes.AddRange(body);
        if (pad && body.Length % 2 == 1) _bytes.Add(0);
        return this;
    }

    public WavImage Fmt(int tag, int channels, int rate, int bits, int? blockAlign = null) =>
        Chunk("fmt ", FmtBody(tag, channels, rate, bits, blockAlign));

    public WavImage FmtExtensible(int subTag, int channels, int rate, int bits, uint mask, int validBits = -1, byte[]? guidSuffix = null)
    {
        var body = new List<byte>(FmtBody(0xFFFE, channels, rate, bits, null));
        body.AddRange(BitConverter.GetBytes((ushort)22));
        body.AddRange(BitConverter.GetBytes((ushort)(validBits < 0 ? bits : validBits)));
        body.AddRange(BitConverter.GetBytes(mask));
        body.AddRange(BitConverter.GetBytes((ushort)subTag));
        body.AddRange(guidSuffix ?? [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]);
        return Chunk("fmt ", body.ToArray());
    }

    public static byte[] FmtBody(int tag, int channels, int rate, int bits, int? blockAlign)
    {
        var body = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(body, (ushort)tag);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), (uint)rate);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(8), (uint)(rate * channels * bits / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(12), (ushort)(blockAlign ?? channels * bits / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(14), (ushort)bits);
        return body;
    }

    public WavImage Data(byte[] samples, uint? declaredSize = null) => Chunk("data", samples, declaredSize);

    /// <summary>The image with the RIFF size field patched to the true length − 8 (when there is one).</summary>
    public byte[] ToArray()
    {
        byte[] bytes = _bytes.ToArray();
        if (bytes.Length >= 8) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        return bytes;
    }

    public static byte[] Pcm16(params short[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), values[i]);
        return bytes;
    }
}
