using Mandate.Core.Audit;
using Mandate.Core.Errors;
using Mandate.Core.Storage;

namespace Mandate.Core.Mandates;

public sealed partial class MandateService
{
    /// <summary>
    /// Revokes the mandates matching <paramref name="filter"/> and, in cascade, every mandate
    /// delegated from them; one audit record each, with the reason.
    /// </summary>
    public Outcome<IReadOnlyList<MandateRecord>> Revoke(MandateFilter filter, string reason, string actor)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.IsEmpty)
        {
            return new MandateError(ErrorCodes.MandateRequestInvalid, "Say what to revoke.", "Pass a mandate id (jti), --task <id>, --agent <id> or --human <email>.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return new MandateError(ErrorCodes.MandateRequestInvalid, "A revocation needs a reason.", "Pass --reason \"<why>\"; it is kept in the audit record.");
        }

        if (filter.Jti is { } jti && _store.Find(jti) is null)
        {
            return new MandateError(ErrorCodes.MandateRequestInvalid, $"No mandate '{jti}' was issued by this trust domain.", "List mandates with 'mandate list'.");
        }

        var revoked = _store.Revoke(filter, _time.GetUtcNow(), reason, m => Record("mandate.revoke", actor, m, null, null) with
        {
            Task = new AuditTask(m.TaskId, m.Purpose),
            Resource = m.Actor,
            Outcome = "revoked",
            Details = new Dictionary<string, string?> { ["reason"] = reason, ["parent"] = m.ParentJti },
        });
        return Outcome<IReadOnlyList<MandateRecord>>.Success(revoked);
    }
}
