using Mandate.Core.Audit;
using Mandate.Core.Errors;
using Mandate.Core.Storage;

namespace Mandate.Credentials.Secrets;

/// <summary>
/// Static secrets the organisation cannot yet replace with brokered ones (issue 7 §6): stored only sealed by the
/// <see cref="SecretBox"/>, listed by name and date only, released only as a lease (<see cref="SecretProvider"/>).
/// </summary>
public sealed class SecretVault
{
    /// <summary>Longest value accepted (an API key, a password, a PEM key fits).</summary>
    public const int MaxValueLength = 64 * 1024;

    /// <summary>The box's associated data for a secret: distinct from a provider configuration of the same name.</summary>
    private const string Label = "secret:";

    private readonly IMandateStore _store;
    private readonly SecretBox _box;
    private readonly TimeProvider _time;

    public SecretVault(IMandateStore store, SecretBox box, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(box);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _box = box;
        _time = time;
    }

    /// <summary>Stores (or replaces) a secret, sealed, with an audit record naming it but never its value.</summary>
    public Outcome<StoredSecret> Put(string name, string value, string actor)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (ValidateName(name) is { } invalid)
        {
            return invalid;
        }

        if (value.Length < Core.Audit.SecretRedactor.MinRegisteredSecretLength || value.Length > MaxValueLength)
        {
            return new MandateError(
                ErrorCodes.SecretInvalid,
                $"The value of '{name}' is {value.Length} characters long; a secret has {Core.Audit.SecretRedactor.MinRegisteredSecretLength} to {MaxValueLength}, so the audit log can redact it.",
                "Pipe the whole value on stdin, e.g. 'mandate secret put <name> < file'.");
        }

        // This process's records must not quote it either.
        _store.Audit.RegisterSecret(value);
        var now = _time.GetUtcNow();
        var existed = _store.Secrets.Find(name) is not null;
        _store.Secrets.Put(name, _box.Seal(Label + name, value), now, new AuditRecord
        {
            Time = now,
            Kind = AuditKinds.Admin,
            Event = existed ? "secret.update" : "secret.put",
            Actor = new AuditActor(actor),
            Resource = Capability(name),
            Outcome = "stored",
        });
        return _store.Secrets.Find(name) ?? throw new StoreException($"The secret '{name}' was not found right after it was stored.");
    }

    /// <summary>Names and dates; the sealed values are in the records but are never opened here.</summary>
    public IReadOnlyList<StoredSecret> List() => _store.Secrets.List();

    /// <summary>The clear value, for <see cref="SecretProvider"/> only (a release is a lease, audited by LeaseService).</summary>
    internal Outcome<string> Reveal(string name)
    {
        var stored = _store.Secrets.Find(name);
        return stored is null
            ? new MandateError(ErrorCodes.SecretNotFound, $"No secret named '{name}'.", "Store it with 'mandate secret put <name>' (value on stdin); list names with 'mandate secret list'.")
            : _box.OpenString(Label + name, stored.Ciphertext.Span);
    }

    /// <summary>The capability that releases a secret: <c>secret:read:&lt;name&gt;</c>.</summary>
    public static string Capability(string name) => "secret:read:" + name;

    /// <summary>A name is a concrete <c>secret:read:</c> target, written canonically: segments separated by '/', no wildcard.</summary>
    public static MandateError? ValidateName(string? name)
    {
        var parsed = name is { Length: > 0 and <= 200 } ? Core.Mandates.Capability.Parse(Capability(name)) : default;
        return name is { Length: > 0 and <= 200 } && parsed.IsSuccess && parsed.Value.IsLiteral && parsed.Value.Target == name && !name.Contains('\\', StringComparison.Ordinal)
            ? null
            : new MandateError(
                ErrorCodes.SecretInvalid,
                $"'{(name is { Length: > 60 } ? name[..60] + "…" : name)}' is not a secret name.",
                "Use up to 200 characters of non-empty segments separated by '/', without wildcards, e.g. prod/db/password.");
    }
}
