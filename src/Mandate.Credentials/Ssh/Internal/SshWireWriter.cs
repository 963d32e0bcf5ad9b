using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Mandate.Credentials.Ssh.Internal;

/// <summary>
/// The SSH wire encoding of RFC 4251 §5, as much as certificates and keys need: uint32, uint64,
/// string (length-prefixed bytes), mpint and name-list. Big-endian throughout.
/// </summary>
internal sealed class SshWireWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    public SshWireWriter(int initialCapacity = 256) => _buffer = new ArrayBufferWriter<byte>(initialCapacity);

    public int Length => _buffer.WrittenCount;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    /// <summary>Zeroes what was written (private key sections).</summary>
    public void Wipe() => _buffer.Clear();

    public SshWireWriter Byte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
        return this;
    }

    public SshWireWriter UInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
        return this;
    }

    public SshWireWriter UInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
        return this;
    }

    /// <summary>Bytes as they are, with no length (a blob that already holds its own encoding).</summary>
    public SshWireWriter Raw(ReadOnlySpan<byte> bytes)
    {
        _buffer.Write(bytes);
        return this;
    }

    public SshWireWriter String(ReadOnlySpan<byte> bytes)
    {
        UInt32(checked((uint)bytes.Length));
        return Raw(bytes);
    }

    /// <summary>A UTF-8 string (SSH strings carry no encoding; names and key ids are ASCII or UTF-8).</summary>
    public SshWireWriter String(string text)
    {
        var count = Encoding.UTF8.GetByteCount(text);
        UInt32(checked((uint)count));
        var written = Encoding.UTF8.GetBytes(text, _buffer.GetSpan(count));
        _buffer.Advance(written);
        return this;
    }

    /// <summary>
    /// A non-negative multiple-precision integer from its unsigned big-endian magnitude: leading zero bytes
    /// dropped, one zero byte put back when the top bit is set (mpints are two's complement), zero is empty.
    /// </summary>
    public SshWireWriter MpInt(ReadOnlySpan<byte> unsignedBigEndian)
    {
        var magnitude = unsignedBigEndian;
        while (magnitude.Length > 0 && magnitude[0] == 0)
        {
            magnitude = magnitude[1..];
        }

        if (magnitude.Length > 0 && (magnitude[0] & 0x80) != 0)
        {
            UInt32(checked((uint)magnitude.Length + 1));
            Byte(0);
            return Raw(magnitude);
        }

        return String(magnitude);
    }

    /// <summary>A name-list: the names joined with commas, as one string.</summary>
    public SshWireWriter NameList(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return String(string.Join(',', names));
    }

    /// <summary>A string whose content is written by <paramref name="content"/> (nested structures: options, principals).</summary>
    public SshWireWriter Nested(Action<SshWireWriter> content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var inner = new SshWireWriter();
        content(inner);
        return String(inner.WrittenSpan);
    }
}
