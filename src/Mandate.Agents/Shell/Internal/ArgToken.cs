namespace Mandate.Agents.Shell.Internal;

/// <summary>One option or operand from <see cref="ArgScanner"/>. <see cref="Name"/> is "d" for -d and "data" for --data.</summary>
internal readonly record struct ArgToken(bool IsOperand, bool IsLong, string Name, string? Value, int Index);
