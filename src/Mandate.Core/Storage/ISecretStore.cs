using Mandate.Core.Audit;

namespace Mandate.Core.Storage;

/// <summary>Static secrets, stored only as ciphertext sealed by the caller; each change committed with its audit record.</summary>
public interface ISecretStore
{
    /// <summary>Adds the secret, or replaces its ciphertext (keeping its creation time).</summary>
    void Put(string name, ReadOnlyMemory<byte> ciphertext, DateTimeOffset at, AuditRecord recorded);

    StoredSecret? Find(string name);

    /// <summary>Every secret, by name.</summary>
    IReadOnlyList<StoredSecret> List();
}
