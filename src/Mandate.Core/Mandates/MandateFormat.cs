namespace Mandate.Core.Mandates;

/// <summary>Fixed properties of the mandate token format (DESIGN.md §2).</summary>
public static class MandateFormat
{
    /// <summary>The JOSE <c>typ</c> header of every mandate; nothing else is accepted.</summary>
    public const string MediaType = "mandate+jwt";

    /// <summary>Tokens longer than this are refused before they are decoded.</summary>
    public const int MaxTokenLength = 16 * 1024;

    /// <summary>The largest <c>max_depth</c>: a chain has at most this many re-delegations after the grant.</summary>
    public const int MaxDepthLimit = 8;

    /// <summary>The subject prefix of a human: <c>user:jane@acme.dev</c>.</summary>
    public const string HumanPrefix = "user:";

    /// <summary>The <c>cnf</c> member holding the presenter's certificate thumbprint (RFC 8705 §3.1).</summary>
    public const string ThumbprintMember = "x5t#S256";
}
