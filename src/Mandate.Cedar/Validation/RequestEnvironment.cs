using Mandate.Cedar.Schema;

namespace Mandate.Cedar.Validation;

/// <summary>One request shape from the schema (principal type, action, resource type, context), with template slot types.</summary>
internal sealed record RequestEnvironment(string Principal, EntityUid Action, string Resource, CedarType Context, string? PrincipalSlot, string? ResourceSlot);
