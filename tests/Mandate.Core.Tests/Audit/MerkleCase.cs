namespace Mandate.Core.Tests.Audit;

/// <summary>A generated tree size, a leaf index inside it, and a seed choosing what to alter.</summary>
public sealed record MerkleCase(int Size, int Index, int Tweak);
