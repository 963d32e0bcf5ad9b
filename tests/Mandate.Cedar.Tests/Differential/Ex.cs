namespace Mandate.Cedar.Tests.Differential;

/// <summary>
/// Generated expression text and the precedence level of its outermost construct, so it is parenthesised
/// only where Cedar's grammar needs it (0 if-then-else, 1 ||, 2 &amp;&amp;, 3 relation, 4 +/-, 5 *, 6 unary,
/// 7 member access, 8 primary).
/// </summary>
internal readonly record struct Ex(string Text, int Prec)
{
    public const int If = 0;
    public const int Or = 1;
    public const int And = 2;
    public const int Rel = 3;
    public const int Add = 4;
    public const int Mul = 5;
    public const int Unary = 6;
    public const int Member = 7;
    public const int Primary = 8;

    public static Ex Atom(string text) => new(text, Primary);
}
