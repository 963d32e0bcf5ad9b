using Mandate.Cedar.Extensions;

namespace Mandate.Cedar.Evaluation;

/// <summary>
/// An extension function call: <c>ip("10.0.0.1")</c>, or method style <c>a.lessThan(b)</c> where the receiver is
/// the first argument. Calls with only literal arguments are folded once at compile time.
/// </summary>
internal sealed class ExtensionCallExpr : Expr
{
    private readonly Expr[] _args;
    private readonly CedarValue? _constant;

    public ExtensionCallExpr(ExtensionFunction function, Expr[] args)
    {
        Function = function;
        _args = args;
        Depth = (args.Length == 0 ? 0 : args.Max(a => a.Depth)) + 1;
        if (args.All(a => a.Constant is not null))
        {
            var values = args.Select(a => a.Constant!).ToArray();
            _constant = function.Invoke(values, out _);
        }
    }

    public ExtensionFunction Function { get; }

    public IReadOnlyList<Expr> Args => _args;

    public override CedarValue? Constant => _constant;

    public override int Depth { get; }

    public override CedarValue? Evaluate(EvaluationContext context)
    {
        if (_constant is not null)
        {
            return _constant;
        }

        var values = new CedarValue[_args.Length];
        for (var i = 0; i < _args.Length; i++)
        {
            var v = _args[i].Evaluate(context);
            if (v is null)
            {
                return null;
            }

            values[i] = v;
        }

        var result = Function.Invoke(values, out var error);
        return result ?? context.Fail(error ?? "extension function failed");
    }

    public override void Accept(IExprVisitor visitor) => visitor.Visit(this);
}
