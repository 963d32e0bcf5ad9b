namespace Mandate.Agents.Hooks;

/// <summary>The answer to a pre-tool hook.</summary>
public enum Verdict
{
    Allow,
    Deny,
    Ask,
}
