namespace Mandate.Core.Errors;

/// <summary>
/// Every error code Mandate emits. Codes are stable and never reused; docs/errors.md lists them.
/// MDT1xxx: foundation (home, trust domain, agents, SVIDs).
/// </summary>
public static class ErrorCodes
{
    public const string HomeMissing = "MDT1001";
    public const string HomeExists = "MDT1002";
    public const string HomeCorrupt = "MDT1003";
    public const string TrustDomainInvalid = "MDT1004";
    public const string SpiffeIdInvalid = "MDT1005";
    public const string ConfigInvalid = "MDT1006";
    public const string AgentNotFound = "MDT1010";
    public const string AgentRevoked = "MDT1011";
    public const string AgentFieldInvalid = "MDT1012";
    public const string AgentAlreadyRevoked = "MDT1013";
    public const string TtlInvalid = "MDT1020";
    public const string TtlTooLong = "MDT1021";
    public const string AudienceMissing = "MDT1022";
    public const string SessionIdInvalid = "MDT1023";
    public const string OutputNotWritable = "MDT1030";
    public const string InputUnreadable = "MDT1031";
    public const string SvidInvalid = "MDT1040";
    public const string SvidExpired = "MDT1041";
    public const string SvidNotYetValid = "MDT1042";
    public const string SvidWrongAudience = "MDT1043";
    public const string SvidUntrusted = "MDT1044";
    public const string SvidMalformed = "MDT1045";
    public const string StoreFailure = "MDT1090";

    // MDT4xxx: policies.
    public const string PolicyParseFailed = "MDT4001";
    public const string PolicyFileUnreadable = "MDT4002";
    public const string PolicyDataInvalid = "MDT4003";
    public const string PolicyTestFailed = "MDT4004";

    // MDT3xxx: the audit log.
    public const string AuditTampered = "MDT3001";
    public const string AuditRecordNotFound = "MDT3002";
    public const string AuditWriteFailed = "MDT3003";

    // MDT2xxx: mandates (scopes, grant, delegate, verify). docs/errors.md "Mandates (MDT2xxx)".
    public const string ScopeNotCovered = "MDT2001";
    public const string ScopeInvalid = "MDT2002";
    public const string DelegationNotPermitted = "MDT2003";
    public const string DelegationTooDeep = "MDT2004";
    public const string DelegationOutlivesParent = "MDT2005";
    public const string MandateRequestInvalid = "MDT2006";
    public const string MandateMalformed = "MDT2010";
    public const string MandateHeaderInvalid = "MDT2011";
    public const string MandateKeyUnknown = "MDT2012";
    public const string MandateSignatureInvalid = "MDT2013";
    public const string MandateClaimsInvalid = "MDT2014";
    public const string MandateExpired = "MDT2015";
    public const string MandateNotYetValid = "MDT2016";
    public const string MandateWrongAudience = "MDT2017";
    public const string MandateChainInvalid = "MDT2018";
    public const string MandateRevoked = "MDT2019";
    public const string MandatePresenterMismatch = "MDT2020";
    public const string MandatePresenterRequired = "MDT2021";
    public const string MandateIssuerUntrusted = "MDT2022";

    // MDT50xx: hook payloads and agent-configuration installers. docs/errors.md "Hooks and installers (MDT50xx)".
    public const string HookInputTooLarge = "MDT5001";
    public const string HookInputMalformed = "MDT5002";
    public const string HookInputNotObject = "MDT5003";
    public const string HookEventMissing = "MDT5004";
    public const string HookEventUnknown = "MDT5005";
    public const string HookToolMissing = "MDT5006";
    public const string HookFieldInvalid = "MDT5007";
    public const string InstallConfigInvalid = "MDT5020";
    public const string InstallWriteFailed = "MDT5021";
    public const string InstallManagedByAdministrator = "MDT5022";
    public const string InstallBinaryInvalid = "MDT5023";

    // MDT6060–6079: GitHub App tokens and the git credential helper. docs/errors.md "GitHub and git (MDT6060–6079)".
    public const string GitHubConfigInvalid = "MDT6060";
    public const string GitHubPrivateKeyUnreadable = "MDT6061";
    public const string GitHubRequestInvalid = "MDT6062";
    public const string GitHubUnreachable = "MDT6063";
    public const string GitHubAppAuthenticationFailed = "MDT6064";
    public const string GitHubTokenRefused = "MDT6065";
    public const string GitHubResponseInvalid = "MDT6066";
    public const string GitHubRevokeFailed = "MDT6067";
    public const string GitCredentialInputInvalid = "MDT6068";
    public const string GitHubTokenSealInvalid = "MDT6069";

    // MDT6040–6059: SSH certificates. docs/errors.md "SSH certificates (MDT6040–6059)".
    public const string SshCaKeyInvalid = "MDT6040";
    public const string SshPublicKeyInvalid = "MDT6041";
    public const string SshRequestInvalid = "MDT6042";
    public const string SshConfigInvalid = "MDT6043";
    public const string SshRevocationFailed = "MDT6044";
    public const string SshKeyFileInvalid = "MDT6045";

    // MDT6020–6039: PostgreSQL role leases. docs/errors.md "PostgreSQL roles (MDT6020–6039)".
    public const string PostgresRequestInvalid = "MDT6020";
    public const string PostgresConfigInvalid = "MDT6021";
    public const string PostgresUnreachable = "MDT6022";
    public const string PostgresIssueFailed = "MDT6023";
    public const string PostgresRenewFailed = "MDT6024";
    public const string PostgresRevokeFailed = "MDT6025";
    public const string PostgresRoleGone = "MDT6026";

    // MDT6080–6099: AWS STS credentials. docs/errors.md "AWS credentials (MDT6080–6099)".
    public const string AwsRequestInvalid = "MDT6080";
    public const string AwsConfigInvalid = "MDT6081";
    public const string AwsBaseCredentialsMissing = "MDT6082";
    public const string AwsStsRefused = "MDT6083";
    public const string AwsStsUnreachable = "MDT6084";
    public const string AwsStsResponseInvalid = "MDT6085";
    public const string AwsConfigFileInvalid = "MDT6086";
    public const string AwsCredentialProcessLoop = "MDT6087";

    // MDT60xx: the credential broker's leases, static secrets and provider registry. docs/errors.md "Leases and secrets (MDT6001–6019)".
    public const string LeaseNotCovered = "MDT6001";
    public const string LeaseMandateInactive = "MDT6002";
    public const string LeaseRequestInvalid = "MDT6003";
    public const string LeaseNotFound = "MDT6004";
    public const string LeaseNotActive = "MDT6005";
    public const string LeaseRenewalRefused = "MDT6006";
    public const string LeaseProviderFailed = "MDT6007";
    public const string LeaseProviderUnknown = "MDT6008";
    public const string LeaseSecretNotRedactable = "MDT6009";
    public const string SecretNotFound = "MDT6010";
    public const string SecretInvalid = "MDT6011";
    public const string SecretUnreadable = "MDT6012";
    public const string ProviderExists = "MDT6013";
    public const string ProviderNotFound = "MDT6014";
    public const string ProviderInvalid = "MDT6015";
    public const string LeasePolicyDenied = "MDT6016";
}
