using Mandate.Cedar.Parsing;

namespace Mandate.Cedar.Validation;

/// <summary>Where each policy of a policy text is: its tokens, from its first annotation or its effect to its <c>;</c>.</summary>
internal static class PolicyPositions
{
    public static List<List<Token>> Locate(string text) => Locate(Lexer.Tokenize(text));

    /// <summary>The tokens of a policy text, as <see cref="Lexer.Tokenize"/> gives them, split policy by policy.</summary>
    public static List<List<Token>> Locate(List<Token> tokens)
    {
        var policies = new List<List<Token>>();
        List<Token>? current = null;
        foreach (var token in tokens)
        {
            if (token.Kind == TokenKind.End)
            {
                break;
            }

            if (current is null)
            {
                current = [];
                policies.Add(current);
            }

            current.Add(token);
            if (token.Kind == TokenKind.Semicolon)
            {
                current = null;
            }
        }

        return policies;
    }

    /// <summary>The first place in the policy where <paramref name="anchor"/> is written, else where the policy starts.</summary>
    public static (int Line, int Column) Find(List<Token>? policy, string? anchor)
    {
        if (policy is null || policy.Count == 0)
        {
            return (0, 0);
        }

        if (anchor is not null)
        {
            foreach (var token in policy)
            {
                if (token.Kind is TokenKind.Identifier or TokenKind.String && string.Equals(token.Text, anchor, StringComparison.Ordinal))
                {
                    return (token.Line, token.Column);
                }
            }
        }

        return (policy[0].Line, policy[0].Column);
    }
}
