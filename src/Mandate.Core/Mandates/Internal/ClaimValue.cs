using System.Text.Json;

namespace Mandate.Core.Mandates.Internal;

/// <summary>
/// A member's value as <see cref="MandateClaimsScanner"/> met it: absent, a string (decoded), a number
/// (with its value when it is a whole number that fits a long), or any other JSON value, skipped.
/// </summary>
internal readonly struct ClaimValue
{
    private ClaimValue(JsonTokenType type, string? text, long number, bool isWhole)
    {
        Type = type;
        Text = text;
        Number = number;
        IsWhole = isWhole;
    }

    /// <summary><see cref="JsonTokenType.None"/> when the member is absent; otherwise the token the value starts with.</summary>
    public JsonTokenType Type { get; }

    public bool IsPresent => Type != JsonTokenType.None;

    /// <summary>The decoded string when <see cref="Type"/> is <see cref="JsonTokenType.String"/>.</summary>
    public string? Text { get; }

    /// <summary>The value of a number written as a whole number within the range of a long (<see cref="IsWhole"/>).</summary>
    public long Number { get; }

    public bool IsWhole { get; }

    public static ClaimValue String(string text) => new(JsonTokenType.String, text, 0, false);

    public static ClaimValue Whole(long number) => new(JsonTokenType.Number, null, number, true);

    public static ClaimValue Other(JsonTokenType type) => new(type, null, 0, false);
}
