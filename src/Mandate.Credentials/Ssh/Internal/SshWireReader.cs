using System.Buffers.Binary;
using System.Text;

namespace Mandate.Credentials.Ssh.Internal;

/// <summary>Reads the SSH wire encoding; every read fails softly (false) on truncated input.</summary>
internal ref struct SshWireReader
{
    private ReadOnlySpan<byte> _rest;

    public SshWireReader(ReadOnlySpan<byte> data) => _rest = data;

    public readonly bool IsEmpty => _rest.IsEmpty;

    public readonly int Remaining => _rest.Length;

    public bool TryUInt32(out uint value)
    {
        value = 0;
        if (_rest.Length < 4)
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt32BigEndian(_rest);
        _rest = _rest[4..];
        return true;
    }

    public bool TryUInt64(out ulong value)
    {
        value = 0;
        if (_rest.Length < 8)
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt64BigEndian(_rest);
        _rest = _rest[8..];
        return true;
    }

    public bool TryString(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!TryUInt32(out var length) || length > (uint)_rest.Length)
        {
            return false;
        }

        value = _rest[..(int)length];
        _rest = _rest[(int)length..];
        return true;
    }

    public bool TryText(out string value)
    {
        value = "";
        if (!TryString(out var bytes))
        {
            return false;
        }

        value = Encoding.UTF8.GetString(bytes);
        return true;
    }
}
