using System.Diagnostics.CodeAnalysis;

namespace Mandate.Core.Errors;

/// <summary>Either a value or a <see cref="MandateError"/>; expected failures are values, not exceptions.</summary>
public readonly struct Outcome<T>
{
    private readonly T? _value;

    private Outcome(T? value, MandateError? error)
    {
        _value = value;
        Error = error;
    }

    public MandateError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public T Value => Error is null ? _value! : throw new InvalidOperationException($"No value: {Error.Code} {Error.Message}");

    public static Outcome<T> Success(T value) => new(value, null);

    public static Outcome<T> Failure(MandateError error) => new(default, error);

    public static implicit operator Outcome<T>(MandateError error) => Failure(error);

#pragma warning disable CA2225 // Outcome.Success is the named alternative.
    public static implicit operator Outcome<T>(T value) => Success(value);
#pragma warning restore CA2225
}
