using System.Text;
using Mandate.Cedar.Evaluation;
using Mandate.Cedar.Parsing;
using Mandate.Cedar.Validation;

namespace Mandate.Cedar;

/// <summary>
/// Canonical Cedar text for policies: annotations one per line, the scope on three indented lines, each
/// condition on its own line, single spaces around operators, and only the parentheses precedence needs.
/// Formatting is idempotent, and the output parses back to policies that behave identically.
/// </summary>
public static class Formatter
{
    public static string Format(PolicySet policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var sb = new StringBuilder();
        foreach (var policy in policies.Policies.Where(p => p.TemplateId is null))
        {
            if (sb.Length > 0)
            {
                sb.Append('\n');
            }

            Append(sb, policy);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Formats Cedar policy text, keeping its <c>//</c> comments: those between policies stay above the policy
    /// that follows, one after a policy's <c>;</c> on its line stays there, and those inside a policy, whose place
    /// in the reformatted policy cannot be kept, move above it. Throws <see cref="CedarParseException"/> if the
    /// text does not parse.
    /// </summary>
    public static string Format(string policyText)
    {
        var policies = PolicySet.Parse(policyText);
        var comments = new List<Comment>();
        var spans = PolicyPositions.Locate(Lexer.Tokenize(policyText, comments));
        var written = policies.Policies.Where(p => p.TemplateId is null).ToList();
        if (comments.Count == 0 || spans.Count != written.Count)
        {
            return Format(policies);
        }

        var layout = CommentLayout.Place(comments, spans);
        var sb = new StringBuilder();
        for (var i = 0; i < written.Count; i++)
        {
            if (sb.Length > 0)
            {
                sb.Append('\n');
            }

            foreach (var comment in layout.Above[i])
            {
                sb.Append(comment).Append('\n');
            }

            Append(sb, written[i]);
            if (layout.After[i] is { } after)
            {
                sb.Length--;
                sb.Append(' ').Append(after).Append('\n');
            }
        }

        if (layout.End.Count > 0 && sb.Length > 0)
        {
            sb.Append('\n');
        }

        foreach (var comment in layout.End)
        {
            sb.Append(comment).Append('\n');
        }

        return sb.ToString();
    }

    public static string Format(Policy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var sb = new StringBuilder();
        Append(sb, policy);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, Policy policy)
    {
        foreach (var (key, value) in policy.Annotations)
        {
            sb.Append('@').Append(key);
            if (!policy.ValuelessAnnotations.Contains(key))
            {
                sb.Append('(').Append(CedarText.Quote(value)).Append(')');
            }

            sb.Append('\n');
        }

        sb.Append(policy.Effect == Effect.Permit ? "permit" : "forbid").Append(" (\n");
        AppendScope(sb, "principal", policy.Principal);
        sb.Append(",\n");
        AppendScope(sb, "action", policy.Action);
        sb.Append(",\n");
        AppendScope(sb, "resource", policy.Resource);
        sb.Append("\n)");
        foreach (var condition in policy.Conditions)
        {
            sb.Append('\n').Append(condition.IsWhen ? "when" : "unless").Append(" { ");
            ExprPrinter.Print(sb, condition.Body);
            sb.Append(" }");
        }

        sb.Append(";\n");
    }

    private static void AppendScope(StringBuilder sb, string variable, ScopeConstraint scope)
    {
        sb.Append("  ").Append(variable);
        var target = scope.IsSlot ? "?" + variable : scope.IsList
            ? "[" + string.Join(", ", scope.Entities.Select(e => e.ToString())) + "]"
            : scope.Entities.Length > 0 ? scope.Entities[0].ToString() : string.Empty;
        switch (scope.Kind)
        {
            case ScopeKind.Equal:
                sb.Append(" == ").Append(target);
                break;
            case ScopeKind.In:
                sb.Append(" in ").Append(target);
                break;
            case ScopeKind.Is:
                sb.Append(" is ").Append(scope.EntityType);
                break;
            case ScopeKind.IsIn:
                sb.Append(" is ").Append(scope.EntityType).Append(" in ").Append(target);
                break;
        }
    }
}
