using Mandate.Core.Errors;

namespace Mandate.Credentials.Leases;

/// <summary>A policy's refusal to issue a credential: the error for the caller and the ids of the policies that decided (for the audit record).</summary>
public sealed record CredentialPolicyRefusal(MandateError Error, IReadOnlyList<string> Policies);
