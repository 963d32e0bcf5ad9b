using Mandate.Cedar.Parsing;

namespace Mandate.Cedar.Validation;

/// <summary>Where each policy of a policy text starts (its first annotation or its effect), in order.</summary>
internal static class PolicyPositions
{
    public static List<(int Line, int Column)> Locate(string text)
    {
        var positions = new List<(int, int)>();
        var atStart = true;
        foreach (var token in Lexer.Tokenize(text))
        {
            if (token.Kind == TokenKind.End)
            {
                break;
            }

            if (atStart)
            {
                positions.Add((token.Line, token.Column));
                atStart = false;
            }

            if (token.Kind == TokenKind.Semicolon)
            {
                atStart = true;
            }
        }

        return positions;
    }
}
