using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mandate.Core.Audit.Internal;

namespace Mandate.Core.Audit;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme (JCS): the exact bytes an audit record is hashed as.
/// Members sorted by UTF-16 code units, ECMAScript number and string serialization, no whitespace.
/// Input outside I-JSON (duplicate member names, lone surrogates, numbers beyond IEEE-754 double)
/// is refused, because two different byte strings must never canonicalize to one record.
/// </summary>
public static class JsonCanonicalizer
{
    private static readonly JsonDocumentOptions StrictParsing = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = JcsEmitter.MaxDepth,
    };

    /// <summary>Canonicalizes raw UTF-8 JSON text. On failure <paramref name="error"/> says why.</summary>
    public static bool TryCanonicalize(
        ReadOnlySpan<byte> utf8Json,
        [NotNullWhen(true)] out byte[]? canonical,
        [NotNullWhen(false)] out string? error)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray(), StrictParsing);
        }
        catch (JsonException ex)
        {
            canonical = null;
            error = $"not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})";
            return false;
        }

        using (document)
        {
            return TryCanonicalize(document.RootElement, out canonical, out error);
        }
    }

    /// <summary>Canonicalizes a parsed element; duplicate member names are detected here.</summary>
    public static bool TryCanonicalize(
        JsonElement element,
        [NotNullWhen(true)] out byte[]? canonical,
        [NotNullWhen(false)] out string? error)
    {
        var emitter = new JcsEmitter();
        if (!emitter.TryWrite(element, depth: 0, out error))
        {
            canonical = null;
            return false;
        }

        canonical = emitter.ToUtf8();
        return true;
    }

    /// <summary>Canonicalizes a node tree (a <see langword="null"/> node is JSON <c>null</c>).</summary>
    public static bool TryCanonicalize(
        JsonNode? node,
        [NotNullWhen(true)] out byte[]? canonical,
        [NotNullWhen(false)] out string? error)
    {
        var emitter = new JcsEmitter();
        if (!emitter.TryWrite(node, depth: 0, out error))
        {
            canonical = null;
            return false;
        }

        canonical = emitter.ToUtf8();
        return true;
    }

    /// <summary>Canonicalizes trusted input (built by code); throws <see cref="ArgumentException"/> if it is not I-JSON.</summary>
    public static byte[] Canonicalize(JsonNode? node) =>
        TryCanonicalize(node, out var canonical, out var error)
            ? canonical
            : throw new ArgumentException($"Cannot canonicalize: {error}.", nameof(node));

    /// <summary>Canonicalizes trusted UTF-8 JSON text; throws <see cref="ArgumentException"/> if it is not I-JSON.</summary>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json) =>
        TryCanonicalize(utf8Json, out var canonical, out var error)
            ? canonical
            : throw new ArgumentException($"Cannot canonicalize: {error}.", nameof(utf8Json));

    /// <summary>True when <paramref name="utf8Json"/> is valid I-JSON already in canonical form.</summary>
    public static bool IsCanonical(ReadOnlySpan<byte> utf8Json) => JcsValidator.IsCanonical(utf8Json);
}
