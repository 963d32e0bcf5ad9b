namespace Mandate.Cedar.Parsing;

/// <summary>
/// Where each comment of a policy text goes when the text is formatted: above policy <c>i</c> (before it, or inside
/// it), after policy <c>i</c>'s <c>;</c> on the same line, or after the last policy.
/// </summary>
internal sealed class CommentLayout
{
    private CommentLayout(int policies)
    {
        Above = [.. Enumerable.Range(0, policies).Select(_ => new List<string>())];
        After = new string?[policies];
    }

    public List<string>[] Above { get; }

    public string?[] After { get; }

    public List<string> End { get; } = [];

    /// <summary>Places <paramref name="comments"/> (in text order) among the policies whose tokens are <paramref name="policies"/>.</summary>
    public static CommentLayout Place(IReadOnlyList<Comment> comments, IReadOnlyList<List<Token>> policies)
    {
        var layout = new CommentLayout(policies.Count);
        var k = 0;
        foreach (var comment in comments)
        {
            // The first policy that does not end before the comment.
            while (k < policies.Count && Before(policies[k][^1], comment))
            {
                k++;
            }

            if (k > 0 && layout.After[k - 1] is null && comment.Line == policies[k - 1][^1].Line)
            {
                layout.After[k - 1] = comment.Text;
            }
            else if (k < policies.Count)
            {
                layout.Above[k].Add(comment.Text);
            }
            else
            {
                layout.End.Add(comment.Text);
            }
        }

        return layout;
    }

    private static bool Before(Token token, Comment comment) =>
        token.Line < comment.Line || (token.Line == comment.Line && token.Column < comment.Column);
}
