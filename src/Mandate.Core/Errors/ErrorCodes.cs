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
}
