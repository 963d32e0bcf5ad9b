using Mandate.Core.Mandates;

namespace Mandate.Credentials.Leases;

/// <summary>A credential about to be issued, as a policy sees it: its kind, provider and capability, the mandate and the actor.</summary>
public sealed record CredentialPolicyRequest(string Kind, string Provider, string Capability, MandateClaims Mandate, string Actor);
