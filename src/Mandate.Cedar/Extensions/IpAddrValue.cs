using System.Globalization;
using System.Text;

namespace Mandate.Cedar.Extensions;

/// <summary>A Cedar <c>ipaddr</c>: an IPv4 or IPv6 address with a prefix length (a single address has the full length).</summary>
public sealed class IpAddrValue : ExtensionValue
{
    private const int MaxTextLength = 43;

    private IpAddrValue(UInt128 address, bool isV6, int prefix)
    {
        Address = address;
        IsV6 = isV6;
        Prefix = prefix;
    }

    /// <summary>The address bits as written (host bits are kept, as in the reference implementation).</summary>
    public UInt128 Address { get; }

    public bool IsV6 { get; }

    public int Prefix { get; }

    public override string ExtensionName => "ipaddr";

    private int Width => IsV6 ? 128 : 32;

    public static bool TryParse(string text, out IpAddrValue? value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = null;
        error = "invalid IP address: " + text;
        if (text.Length > MaxTextLength)
        {
            error = "error parsing IP address from string `" + text + "`: string length is too large";
            return false;
        }

        if (text.Count(c => c == ':') >= 2 && text.Count(c => c == '.') >= 2)
        {
            error = "error parsing IP address from string: We do not accept IPv4 embedded in IPv6 (e.g., ::ffff:127.0.0.1). Found: `" + text + "`";
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        UInt128 address;
        bool isV6;
        if (TryParseV4(addressText, out var v4))
        {
            address = v4;
            isV6 = false;
        }
        else if (TryParseV6(addressText, out var v6))
        {
            address = v6;
            isV6 = true;
        }
        else
        {
            return false;
        }

        var width = isV6 ? 128 : 32;
        var prefix = width;
        if (slash >= 0)
        {
            var prefixText = text.AsSpan(slash + 1);
            if (prefixText.Length > (isV6 ? 3 : 2) || prefixText.Length == 0 || prefixText.ContainsAnyExcept("0123456789")
                || (prefixText[0] == '0' && prefixText.Length > 1))
            {
                error = "error parsing prefix `" + prefixText.ToString() + "`";
                return false;
            }

            prefix = int.Parse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture);
            if (prefix > width)
            {
                error = string.Create(CultureInfo.InvariantCulture, $"error parsing prefix: {prefix} is larger than the limit {width}");
                return false;
            }
        }

        value = new IpAddrValue(address, isV6, prefix);
        error = null;
        return true;
    }

    public bool IsIpv4 => !IsV6;

    public bool IsIpv6 => IsV6;

    public bool IsLoopback => IsV6 ? Address == UInt128.One && Prefix >= 128 : (Address >> 24) == 127 && Prefix >= 8;

    public bool IsMulticast => IsV6 ? (Address >> 120) == 0xff && Prefix >= 8 : (uint)(Address >> 24) is >= 224 and <= 239 && Prefix >= 4;

    /// <summary>True when this range lies within <paramref name="other"/> (both of the same address family).</summary>
    public bool IsInRange(IpAddrValue other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.IsV6 != IsV6)
        {
            return false;
        }

        var selfNetwork = Address & NetMask(Prefix);
        var otherNetwork = other.Address & NetMask(other.Prefix);
        var selfBroadcast = Address | HostMask(Prefix);
        var otherBroadcast = other.Address | HostMask(other.Prefix);
        return otherNetwork <= selfNetwork && selfBroadcast <= otherBroadcast;
    }

    public override bool Equals(CedarValue? other) =>
        other is IpAddrValue ip && ip.IsV6 == IsV6 && ip.Address == Address && ip.Prefix == Prefix;

    public override int GetHashCode() => HashCode.Combine(IsV6, Address, Prefix);

    /// <summary>The constructor argument that rebuilds this value: address and prefix.</summary>
    public string Text => FormatAddress() + "/" + Prefix.ToString(CultureInfo.InvariantCulture);

    public override string ToString() => "ip(\"" + Text + "\")";

    private UInt128 AllOnes => IsV6 ? UInt128.MaxValue : uint.MaxValue;

    private UInt128 NetMask(int prefix) => prefix == 0 ? UInt128.Zero : (AllOnes << (Width - prefix)) & AllOnes;

    private UInt128 HostMask(int prefix) => prefix >= Width ? UInt128.Zero : AllOnes >> prefix;

    private string FormatAddress()
    {
        if (!IsV6)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(uint)(Address >> 24) & 255}.{(uint)(Address >> 16) & 255}.{(uint)(Address >> 8) & 255}.{(uint)Address & 255}");
        }

        var sb = new StringBuilder();
        for (var i = 7; i >= 0; i--)
        {
            sb.Append(((uint)(Address >> (i * 16)) & 0xffff).ToString("x", CultureInfo.InvariantCulture));
            if (i > 0)
            {
                sb.Append(':');
            }
        }

        return sb.ToString();
    }

    private static bool TryParseV4(string s, out UInt128 address)
    {
        address = UInt128.Zero;
        var parts = s.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        uint result = 0;
        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || part.AsSpan().ContainsAnyExcept("0123456789") || (part.Length > 1 && part[0] == '0'))
            {
                return false;
            }

            var n = uint.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
            if (n > 255)
            {
                return false;
            }

            result = (result << 8) | n;
        }

        address = result;
        return true;
    }

    private static bool TryParseV6(string s, out UInt128 address)
    {
        address = UInt128.Zero;
        var doubleColon = s.IndexOf("::", StringComparison.Ordinal);
        List<ushort> head;
        List<ushort> tail = [];
        if (doubleColon < 0)
        {
            if (!TryGroups(s, out head) || head.Count != 8)
            {
                return false;
            }
        }
        else
        {
            if (!TryGroups(s[..doubleColon], out head) || !TryGroups(s[(doubleColon + 2)..], out tail)
                || head.Count + tail.Count > 7)
            {
                return false;
            }
        }

        var groups = new ushort[8];
        for (var i = 0; i < head.Count; i++)
        {
            groups[i] = head[i];
        }

        for (var i = 0; i < tail.Count; i++)
        {
            groups[8 - tail.Count + i] = tail[i];
        }

        foreach (var g in groups)
        {
            address = (address << 16) | g;
        }

        return true;
    }

    private static bool TryGroups(string s, out List<ushort> groups)
    {
        groups = [];
        if (s.Length == 0)
        {
            return true;
        }

        foreach (var part in s.Split(':'))
        {
            if (part.Length is 0 or > 4 || !ushort.TryParse(part, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var g))
            {
                return false;
            }

            groups.Add(g);
        }

        return true;
    }
}
