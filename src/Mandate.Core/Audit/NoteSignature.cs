namespace Mandate.Core.Audit;

/// <summary>One signature line of a signed note: key name, 32-bit key id and the raw signature bytes.</summary>
public sealed record NoteSignature(string KeyName, uint KeyId, ReadOnlyMemory<byte> Signature);
