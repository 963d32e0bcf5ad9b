using System.Security.Cryptography;
using Mandate.Core.Errors;
using Mandate.Core.Leases;
using Mandate.Core.Mandates;
using Mandate.Core.Storage;

namespace Mandate.Credentials.Leases;

/// <summary>
/// Brokers credentials as leases (DESIGN.md §5): issuing one is a policy decision (<c>credential.issue</c>) that the
/// mandate's scope must allow; every lease lives at most its provider's maximum and never past its mandate; every
/// issue, renewal, refusal, expiry and revocation is an audit record of kind <c>credential</c>, never with the secret.
/// Providers only create and end credentials at their source.
/// </summary>
public sealed partial class LeaseService
{
    /// <summary>A lease's TTL when the request names none.</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromMinutes(15);

    /// <summary>A provider's maximum TTL unless it says otherwise (<see cref="ILeaseProvider.MaxTtl"/>).</summary>
    public static readonly TimeSpan DefaultMaxTtl = TimeSpan.FromHours(1);

    public const string IdPrefix = "lse_";

    private readonly IMandateStore _store;
    private readonly Func<Lease, Outcome<ILeaseProvider>> _providerFor;
    private readonly TimeProvider _time;

    /// <param name="store">Leases, the audit log, and the mandates' revocations.</param>
    /// <param name="providerFor">The provider that issued a stored lease, to renew or revoke it at its source.</param>
    /// <param name="time">The clock.</param>
    public LeaseService(IMandateStore store, Func<Lease, Outcome<ILeaseProvider>> providerFor, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(providerFor);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _providerFor = providerFor;
        _time = time;
    }

    /// <summary>
    /// The organisation's say on issuing (<c>credential.issue</c>), after the mandate's scope allowed it: the CLI
    /// evaluates its Cedar policies here. Null means the scope alone decides. A returned error refuses (audited).
    /// </summary>
    public Func<CredentialPolicyRequest, CredentialPolicyRefusal?>? Policy { get; init; }

    /// <summary>A new lease id: <c>lse_</c> and 32 hex characters from the system's CSPRNG.</summary>
    public static string NewId() => IdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// Issues a credential under <paramref name="mandate"/> (verified by the caller) for <paramref name="actor"/>: checks that
    /// the mandate is active and allows <see cref="ILeaseProvider.Capability"/>, caps the TTL, has the provider create it,
    /// registers its secrets with the audit redactor, then stores the lease with its audit record. A refusal is audited
    /// (<c>lease.refuse</c>) and names the missing capability.
    /// </summary>
    public Outcome<IssuedLease> Issue(ILeaseProvider provider, LeaseRequest request, MandateClaims mandate, string actor, string? sessionId)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(mandate);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        var now = _time.GetUtcNow();
        var capability = provider.Capability(request);
        var draft = new Lease
        {
            Id = NewId(),
            Kind = provider.Kind,
            Provider = request.Provider,
            Capability = capability,
            Actor = actor,
            SessionId = sessionId,
            MandateJti = mandate.Jti,
            HumanEmail = mandate.HumanEmail,
            TaskId = mandate.Task.Id,
            IssuedAt = now,
            ExpiresAt = now,
            Ttl = TimeSpan.Zero,
            MaxTtl = TimeSpan.Zero,
        };
        if (Check(capability, request, mandate, now) is { } refusal)
        {
            _store.Audit.Append(Refusal(draft, actor, mandate.Task.Purpose, refusal));
            return refusal;
        }

        if (Policy?.Invoke(new CredentialPolicyRequest(provider.Kind, request.Provider, capability, mandate, actor)) is { } denied)
        {
            _store.Audit.Append(Refusal(draft, actor, mandate.Task.Purpose, denied.Error, denied.Policies));
            return denied.Error;
        }

        // The mandate's expiry is folded into the maximum, so no renewal can outlive the mandate either.
        var maxTtl = Min(provider.MaxTtl, mandate.ExpiresAt - now);
        var ttl = Min(request.Ttl ?? DefaultTtl, maxTtl);
        var lease = draft with { ExpiresAt = now + ttl, Ttl = ttl, MaxTtl = maxTtl };
        var issued = provider.Issue(request, new LeaseGrant(lease.Id, actor, lease.HumanEmail, lease.TaskId, lease.MandateJti, now, lease.ExpiresAt));
        if (!issued.IsSuccess)
        {
            _store.Audit.Append(Failure("lease.issue.fail", lease, actor, "credential.issue", issued.Error));
            return issued.Error;
        }

        lease = lease with { Details = new Dictionary<string, string>(issued.Value.Details, StringComparer.Ordinal) };
        if (Register(issued.Value.Secrets) is { } unredactable)
        {
            // Handing out a value the audit log might quote in clear is worse than handing out nothing.
            var ended = provider.Revoke(lease);
            _store.Audit.Append(Failure("lease.issue.fail", lease, actor, "credential.issue", unredactable) with
            {
                Details = new Dictionary<string, string?> { ["code"] = unredactable.Code, ["reason"] = unredactable.Message, ["revoked_at_provider"] = ended.IsSuccess ? "yes" : ended.Error.Code },
            });
            return unredactable;
        }

        try
        {
            _store.Leases.Add(lease, Issued(lease, actor, mandate.Task.Purpose));
        }
        catch (StoreException)
        {
            // A credential no lease record accounts for would never be swept: end it at the source, then fail.
            provider.Revoke(lease);
            throw;
        }

        return new IssuedLease(lease, issued.Value.Secrets);
    }

    private MandateError? Check(string capability, LeaseRequest request, MandateClaims mandate, DateTimeOffset now)
    {
        var parsed = Capability.Parse(capability);
        if (!parsed.IsSuccess || !parsed.Value.IsLiteral)
        {
            return new MandateError(
                ErrorCodes.LeaseRequestInvalid,
                $"The credential request names no single resource ('{capability}').",
                "Name one concrete database, host, repository, role or secret; wildcards are for scopes, not requests.");
        }

        if (request.Ttl is { } ttl && ttl <= TimeSpan.Zero)
        {
            return new MandateError(ErrorCodes.LeaseRequestInvalid, "The lease TTL must be positive.", "Pass --ttl with a duration such as 15m, or leave it out (15 minutes).");
        }

        if (now >= mandate.ExpiresAt)
        {
            return new MandateError(ErrorCodes.LeaseMandateInactive, $"The mandate {mandate.Jti} expired at {mandate.ExpiresAt:u}.", "Ask for a new mandate (mandate grant, or mandate task start).");
        }

        if (_store.Mandates.IsRevoked(mandate.Jti) || mandate.Chain.Any(hop => _store.Mandates.IsRevoked(hop.Jti)))
        {
            return new MandateError(ErrorCodes.LeaseMandateInactive, $"The mandate {mandate.Jti}, or one it descends from, is revoked.", "Ask for a new mandate (mandate grant, or mandate task start).");
        }

        var c = parsed.Value;
        if (!mandate.Scope.Allows(c.Kind, c.Verb, c.Target))
        {
            return new MandateError(
                ErrorCodes.LeaseNotCovered,
                $"The mandate {mandate.Jti} does not allow {capability}: its scope is '{mandate.Scope}'.",
                $"Ask the human for a mandate whose scope includes {capability}.");
        }

        return null;
    }

    /// <summary>Registers every secret with the audit log's redactor; the error when one cannot be.</summary>
    private MandateError? Register(IReadOnlyDictionary<string, string> secrets)
    {
        foreach (var (name, value) in secrets)
        {
            try
            {
                _store.Audit.RegisterSecret(value);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                return new MandateError(
                    ErrorCodes.LeaseSecretNotRedactable,
                    $"The credential's '{name}' cannot be registered with the audit log's redactor ({e.GetType().Name}), so it is not handed out.",
                    "Secrets must be at least 6 characters long; replace this one (mandate secret put) with a longer value.");
            }
        }

        return null;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a <= b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;
}
