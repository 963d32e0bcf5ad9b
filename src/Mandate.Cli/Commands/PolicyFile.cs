using Mandate.Cedar;

namespace Mandate.Cli.Commands;

/// <summary>One policy file as read: its path as given, its text, and its policies under the names they are reported by.</summary>
internal sealed record PolicyFile(string Path, string Text, IReadOnlyList<Policy> Policies);
