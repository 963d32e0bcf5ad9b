using System.Text;

namespace Mandate.Credentials.Aws;

/// <summary>The names Mandate gives an STS session, made to fit AWS's character sets and lengths.</summary>
internal static class AwsNames
{
    /// <summary>RoleSessionName and SourceIdentity: <c>[\w+=,.@-]</c>, 2 to 64 characters.</summary>
    public const int MaxSessionName = 64;

    /// <summary>A session tag's value: at most 256 characters of letters, digits, spaces and <c>_.:/=+-@</c>.</summary>
    public const int MaxTagValue = 256;

    public static string SessionName(string leaseId)
    {
        var suffix = leaseId.StartsWith("lse_", StringComparison.Ordinal) ? leaseId[4..] : leaseId;
        return Identifier("mandate-" + suffix);
    }

    /// <summary><c>&lt;agent type&gt;.&lt;human local part&gt;</c>: who is behind the session, kept by CloudTrail across role chaining.</summary>
    public static string SourceIdentity(string actor, string humanEmail)
    {
        var at = humanEmail.IndexOf('@', StringComparison.Ordinal);
        var local = at > 0 ? humanEmail[..at] : humanEmail;
        return Identifier(AgentType(actor) + "." + (local.Length > 0 ? local : "human"));
    }

    /// <summary>The agent type of a SPIFFE ID <c>spiffe://td/agent/&lt;type&gt;/…</c>, or "agent".</summary>
    public static string AgentType(string actor)
    {
        const string marker = "/agent/";
        var start = actor.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return "agent";
        }

        start += marker.Length;
        var end = actor.IndexOf('/', start);
        var type = end < 0 ? actor[start..] : actor[start..end];
        return type.Length > 0 ? type : "agent";
    }

    /// <summary>Characters outside <c>[\w+=,.@-]</c> become '-'; cut to 64; padded to 2.</summary>
    public static string Identifier(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxSessionName));
        foreach (var c in text)
        {
            if (builder.Length == MaxSessionName)
            {
                break;
            }

            builder.Append(IsIdentifierChar(c) ? c : '-');
        }

        while (builder.Length < 2)
        {
            builder.Append('-');
        }

        // "aws:" cannot begin a SourceIdentity; ':' is already replaced, so no value can.
        return builder.ToString();
    }

    public static bool IsIdentifierChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '_' or '+' or '=' or ',' or '.' or '@' or '-';

    /// <summary>A session tag value: characters outside AWS's tag set become '_'; cut to 256.</summary>
    public static string TagValue(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxTagValue));
        foreach (var c in text)
        {
            if (builder.Length == MaxTagValue)
            {
                break;
            }

            builder.Append(IsTagChar(c) ? c : '_');
        }

        return builder.ToString();
    }

    public static bool IsTagChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is ' ' or '_' or '.' or ':' or '/' or '=' or '+' or '-' or '@';
}
