using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mandate.Core.Audit;
using Mandate.Core.Errors;
using Mandate.Core.Storage;
using Mandate.Credentials.Secrets;

namespace Mandate.Credentials.Providers;

/// <summary>
/// The credential providers registered once by an administrator (a PostgreSQL server with its admin connection
/// string and grant templates…). Configurations are stored sealed by the <see cref="SecretBox"/>, bound to the
/// provider's name; registering is audited without the configuration. Every string in a configuration is registered
/// with the audit redactor when it is added or opened, so no record of this process can quote it.
/// </summary>
public sealed partial class ProviderRegistry
{
    /// <summary>The box's associated data for a provider configuration: distinct from a secret of the same name.</summary>
    private const string Label = "provider:";

    private readonly IMandateStore _store;
    private readonly SecretBox _box;
    private readonly TimeProvider _time;
    private readonly string _actor;

    /// <param name="store">The home's store.</param>
    /// <param name="box">Seals the configurations.</param>
    /// <param name="time">The clock.</param>
    /// <param name="actor">Who registers providers, for the audit record.</param>
    public ProviderRegistry(IMandateStore store, SecretBox box, TimeProvider time, string actor)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(box);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        _store = store;
        _box = box;
        _time = time;
        _actor = actor;
    }

    public Outcome<RegisteredProvider> Add(string name, string kind, JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (name is null || !NamePattern().IsMatch(name))
        {
            return Invalid($"'{Short(name)}' is not a provider name.", "Use 1 to 63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit, e.g. orders-db.");
        }

        if (kind is null || !KindPattern().IsMatch(kind))
        {
            return Invalid($"'{Short(kind)}' is not a provider kind.", "Use a kind Mandate knows, e.g. postgres.");
        }

        RegisterStrings(config);
        var now = _time.GetUtcNow();
        var json = Encoding.UTF8.GetBytes(config.ToJsonString());
        var added = _store.Providers.Add(
            new StoredProvider(name, kind, _box.Seal(Label + name, json), now),
            new AuditRecord
            {
                Time = now,
                Kind = AuditKinds.Admin,
                Event = "provider.add",
                Actor = new AuditActor(_actor),
                Resource = $"{kind}:{name}",
                Outcome = "registered",
            });
        return added
            ? new RegisteredProvider(name, kind, config, now)
            : new MandateError(ErrorCodes.ProviderExists, $"A provider named '{name}' is already registered.", "Choose another --name; 'mandate provider list' shows the registered ones.");
    }

    /// <summary>The provider with its configuration opened.</summary>
    public Outcome<RegisteredProvider> Get(string name)
    {
        var stored = _store.Providers.Find(name);
        return stored is null
            ? new MandateError(ErrorCodes.ProviderNotFound, $"No provider named '{Short(name)}' is registered.", "Register it with 'mandate provider add <kind> --name <name> …'; 'mandate provider list' shows the registered ones.")
            : Open(stored);
    }

    /// <summary>Every registered provider, configurations opened (to describe them redacted); a configuration that does not open is an error.</summary>
    public Outcome<IReadOnlyList<RegisteredProvider>> List()
    {
        var list = new List<RegisteredProvider>();
        foreach (var stored in _store.Providers.List())
        {
            var opened = Open(stored);
            if (!opened.IsSuccess)
            {
                return opened.Error;
            }

            list.Add(opened.Value);
        }

        return list;
    }

    private Outcome<RegisteredProvider> Open(StoredProvider stored)
    {
        var opened = _box.Open(Label + stored.Name, stored.Config.Span);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        try
        {
            if (JsonNode.Parse(opened.Value) is not JsonObject config)
            {
                return Invalid($"The configuration of provider '{stored.Name}' is not a JSON object.", "Register the provider again under a new name.");
            }

            RegisterStrings(config);
            return new RegisteredProvider(stored.Name, stored.Kind, config, stored.CreatedAt);
        }
        catch (JsonException)
        {
            return Invalid($"The configuration of provider '{stored.Name}' is not JSON.", "Register the provider again under a new name.");
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(opened.Value);
        }
    }

    /// <summary>
    /// The configuration's credentials — the values of keys that name one (connection, password, secret, token,
    /// credential), and the password inside a connection string — are kept out of this process's audit records.
    /// Other values (a region, a profile name, an endpoint) are not: redacting them would hide real events.
    /// </summary>
    private void RegisterStrings(JsonNode? node, string key = "")
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    RegisterStrings(child, name);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    RegisterStrings(child, key);
                }

                break;
            case JsonValue v when v.TryGetValue<string>(out var text) && IsCredentialKey(key):
                Register(text);
                foreach (var password in Passwords(text))
                {
                    Register(password);
                }

                break;
        }
    }

    /// <summary>The passwords inside a connection string: <c>Password=…;</c>, libpq's <c>password=…</c>, a URI's <c>user:password@</c>.</summary>
    private static IEnumerable<string> Passwords(string connection)
    {
        if (Uri.TryCreate(connection, UriKind.Absolute, out var uri) && uri.UserInfo.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0)
        {
            yield return Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }

        foreach (var part in connection.Split([';', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && part[..eq].Equals("password", StringComparison.OrdinalIgnoreCase))
            {
                yield return part[(eq + 1)..].Trim('\'');
            }
        }
    }

    private void Register(string text)
    {
        if (text.Length >= SecretRedactor.MinRegisteredSecretLength)
        {
            _store.Audit.RegisterSecret(text);
        }
    }

    private static bool IsCredentialKey(string key) =>
        key.Contains("connection", StringComparison.OrdinalIgnoreCase) || key.Contains("password", StringComparison.OrdinalIgnoreCase)
        || key.Contains("secret", StringComparison.OrdinalIgnoreCase) || key.Contains("token", StringComparison.OrdinalIgnoreCase)
        || key.Contains("credential", StringComparison.OrdinalIgnoreCase);

    private static MandateError Invalid(string message, string fix) => new(ErrorCodes.ProviderInvalid, message, fix);

    private static string Short(string? text) => text is null ? "" : text.Length > 60 ? text[..60] + "…" : text;

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,62}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,31}$")]
    private static partial Regex KindPattern();
}
