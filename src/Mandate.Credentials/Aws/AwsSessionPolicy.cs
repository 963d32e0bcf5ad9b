using System.Text;
using System.Text.Json;
using Mandate.Core.Mandates;

namespace Mandate.Credentials.Aws;

/// <summary>
/// The inline session policy sent with AssumeRole (docs/adr/0007-aws-session-policy.md). A session's permissions
/// are the role's policies intersected with this one, so it can only narrow. An <c>aws:</c> capability names roles,
/// not actions, so what it can express is which roles the session may reach in turn: everything the role allows
/// except reaching another role (sts:AssumeRole*, iam:PassRole…), and reaching a role only where the mandate
/// has an <c>aws:assume:</c> capability for it.
/// </summary>
internal static class AwsSessionPolicy
{
    /// <summary>STS's limit on the plain-text policy.</summary>
    public const int MaxLength = 2048;

    /// <summary>The actions that reach another role: kept only for the roles the mandate names.</summary>
    public static readonly IReadOnlyList<string> RoleReachingActions =
    [
        "sts:AssumeRole",
        "sts:AssumeRoleWithSAML",
        "sts:AssumeRoleWithWebIdentity",
        "sts:GetFederationToken",
        "sts:TagSession",
        "sts:SetSourceIdentity",
        "iam:PassRole",
    ];

    private static readonly string[] ChainingActions = ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity", "iam:PassRole"];

    /// <summary>The policy for a session whose mandate has <paramref name="scope"/>; null scope gives the narrowest (no role reached).</summary>
    public static string For(Scope? scope)
    {
        var roles = scope is null ? [] : RolePatterns(scope);
        var policy = Write(roles);

        // Too long for STS: leave out role chaining rather than fail or widen. The session still gets the role.
        return policy.Length <= MaxLength ? policy : Write([]);
    }

    /// <summary>IAM resource patterns for the mandate's <c>aws:assume:</c> capabilities. IAM's <c>*</c> crosses ':' and '/', so a glob only widens here; Mandate's own check stays exact.</summary>
    public static IReadOnlyList<string> RolePatterns(Scope scope)
    {
        var patterns = new List<string>();
        foreach (var capability in scope.Capabilities)
        {
            if (capability.Kind != "aws" || capability.Verb != "assume")
            {
                continue;
            }

            var target = ToIamPattern(capability.Target);
            if (!target.StartsWith("arn:", StringComparison.Ordinal))
            {
                // A role name alone: that name in any account and partition.
                target = "arn:*:iam::*:role/" + target;
            }

            if (!patterns.Contains(target, StringComparer.Ordinal))
            {
                patterns.Add(target);
            }
        }

        return patterns;
    }

    private static string ToIamPattern(string target)
    {
        var builder = new StringBuilder(target.Length);
        for (var i = 0; i < target.Length; i++)
        {
            var c = target[i];
            if (c == '\\' && i + 1 < target.Length)
            {
                // An escaped character is literal; IAM has no escape, and ARNs hold no '*' or '?', so the character stands as is.
                builder.Append(target[++i]);
            }
            else if (c == '*')
            {
                while (i + 1 < target.Length && target[i + 1] == '*')
                {
                    i++;
                }

                builder.Append('*');
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string Write(IReadOnlyList<string> roles)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("Version", "2012-10-17");
            json.WriteStartArray("Statement");

            json.WriteStartObject();
            json.WriteString("Sid", "MandateRole");
            json.WriteString("Effect", "Allow");
            json.WriteStartArray("NotAction");
            foreach (var action in RoleReachingActions)
            {
                json.WriteStringValue(action);
            }

            json.WriteEndArray();
            json.WriteString("Resource", "*");
            json.WriteEndObject();

            if (roles.Count > 0)
            {
                json.WriteStartObject();
                json.WriteString("Sid", "MandateRoleChaining");
                json.WriteString("Effect", "Allow");
                json.WriteStartArray("Action");
                foreach (var action in ChainingActions)
                {
                    json.WriteStringValue(action);
                }

                json.WriteEndArray();
                json.WriteStartArray("Resource");
                foreach (var role in roles)
                {
                    json.WriteStringValue(role);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
