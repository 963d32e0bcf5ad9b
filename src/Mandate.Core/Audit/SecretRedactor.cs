using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Mandate.Core.Audit.Internal;

namespace Mandate.Core.Audit;

/// <summary>
/// Replaces secrets with <c>hmac-sha256:&lt;hex&gt;</c> keyed per trust domain (as Vault's audit devices
/// do): equal secrets stay correlatable inside one trust domain, but the log never holds them in clear.
/// Detects common token and key formats, key=value and URL credentials, and registered exact values.
/// </summary>
public sealed partial class SecretRedactor
{
    public const int KeySize = 32;

    /// <summary>Registered values shorter than this would redact ordinary text; they are refused.</summary>
    public const int MinRegisteredSecretLength = 6;

    public const string RedactionPrefix = "hmac-sha256:";

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    private readonly byte[] _key;
    private readonly Lock _gate = new();

    // Replaced whole on registration, so redaction reads a consistent snapshot without locking.
    private string[] _registered = [];

    /// <param name="hmacKey">The trust domain's 32-byte redaction key.</param>
    /// <param name="registeredSecrets">Exact values to redact wherever they appear.</param>
    public SecretRedactor(ReadOnlySpan<byte> hmacKey, IEnumerable<string>? registeredSecrets = null)
    {
        if (hmacKey.Length != KeySize)
        {
            throw new ArgumentException($"The redaction key is {KeySize} bytes.", nameof(hmacKey));
        }

        _key = hmacKey.ToArray();
        foreach (var secret in registeredSecrets ?? [])
        {
            RegisterSecret(secret);
        }
    }

    /// <summary>Adds an exact value (e.g. a leased password) to redact from every later string.</summary>
    public void RegisterSecret(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < MinRegisteredSecretLength)
        {
            throw new ArgumentException($"A registered secret has at least {MinRegisteredSecretLength} characters.", nameof(secret));
        }

        lock (_gate)
        {
            if (!_registered.Contains(secret, StringComparer.Ordinal))
            {
                // Longest first, so a secret that contains a shorter registered one is redacted whole.
                Volatile.Write(ref _registered, [.. _registered.Append(secret).OrderByDescending(s => s.Length)]);
            }
        }
    }

    /// <summary><c>hmac-sha256:</c> and the lowercase hex HMAC-SHA-256 of the UTF-8 value.</summary>
    public string Hmac(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Span<byte> mac = stackalloc byte[Internal.Sha256.Size];
        Internal.Sha256.Hmac(_key, Encoding.UTF8.GetBytes(value), mac);
        return RedactionPrefix + Convert.ToHexStringLower(mac);
    }

    /// <summary>True when <paramref name="value"/> is already a redaction token (redaction is idempotent).</summary>
    public static bool IsRedacted(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length == RedactionPrefix.Length + (2 * Internal.Sha256.Size)
            && value.StartsWith(RedactionPrefix, StringComparison.Ordinal)
            && !value.AsSpan(RedactionPrefix.Length).ContainsAnyExcept(LowerHex);
    }

    /// <summary>The string with every detected or registered secret replaced by its HMAC token.</summary>
    public string RedactString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0 || IsRedacted(value))
        {
            return value;
        }

        var spans = new List<(int Start, int End)>();
        foreach (var secret in Volatile.Read(ref _registered))
        {
            for (var at = value.IndexOf(secret, StringComparison.Ordinal); at >= 0; at = value.IndexOf(secret, at + secret.Length, StringComparison.Ordinal))
            {
                spans.Add((at, at + secret.Length));
            }
        }

        // Most strings (paths, commands, ids) contain no trigger word at all: skip every pattern.
        var detectors = value.AsSpan().IndexOfAny(SecretPatterns.AnyTrigger) >= 0 ? SecretPatterns.All : [];
        foreach (var detector in detectors)
        {
            if (!detector.MayMatch(value))
            {
                continue;
            }

            try
            {
                for (var match = detector.Pattern.Match(value); match.Success; match = match.NextMatch())
                {
                    var group = match.Groups[SecretPatterns.SecretGroup];
                    if (group.Success && group.Length > 0 && !IsRedacted(group.Value))
                    {
                        spans.Add((group.Index, group.Index + group.Length));
                    }
                }
            }
            catch (RegexMatchTimeoutException)
            {
                return Hmac(value); // could not be analysed in time: redact all of it (fail closed)
            }
        }

        return spans.Count == 0 ? value : Replace(value, spans);
    }

    private string Replace(string value, List<(int Start, int End)> spans)
    {
        spans.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        var sb = new StringBuilder(value.Length + 64);
        var written = 0;
        var i = 0;
        while (i < spans.Count)
        {
            var (start, end) = spans[i++];
            while (i < spans.Count && spans[i].Start < end)
            {
                end = Math.Max(end, spans[i++].End); // overlapping detections become one secret
            }

            sb.Append(value, written, start - written).Append(Hmac(value[start..end]));
            written = end;
        }

        sb.Append(value, written, value.Length - written);
        return sb.ToString();
    }
}
