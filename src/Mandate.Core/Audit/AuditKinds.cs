namespace Mandate.Core.Audit;

/// <summary>The kinds of audit record (issue 3).</summary>
public static class AuditKinds
{
    public const string Decision = "decision";
    public const string Credential = "credential";
    public const string Lifecycle = "lifecycle";
    public const string Approval = "approval";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Decision, Credential, Lifecycle, Approval, Admin];
}
