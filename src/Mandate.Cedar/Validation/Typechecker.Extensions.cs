using Mandate.Cedar.Evaluation;

namespace Mandate.Cedar.Validation;

internal sealed partial class Typechecker
{
    private TypeAnswer CheckExtension(ExtensionCallExpr node, Capabilities prior)
    {
        var name = node.Function.Name;
        var args = node.Args;
        if (ExtensionSignature.For(name) is not { } signature)
        {
            Report("undefined extension function `" + name + "`", node);
            CheckAll(args, prior);
            return TypeAnswer.Fail();
        }

        var failed = false;
        if (args.Count != signature.Arguments.Length)
        {
            Report($"wrong number of arguments to `{name}`: expected {signature.Arguments.Length}, got {args.Count}", node);
            failed = true;
        }

        if (signature.IsConstructor && args.Count == 1 && args[0] is LiteralExpr { Value: StringValue text }
            && node.Function.Invoke([text], out var parseError) is null)
        {
            Report("invalid argument to `" + name + "`: " + (parseError ?? "cannot parse " + text), node);
            failed = true;
        }

        // Strict validation wants extension values built from literals, so they can be checked here.
        if (signature.IsConstructor && !args.All(a => a is LiteralExpr))
        {
            Report("the argument of the extension constructor `" + name + "` must be a literal in strict validation", node);
            failed = true;
        }

        if (failed)
        {
            CheckAll(args, prior);
            return TypeAnswer.Fail(signature.Result);
        }

        var ok = true;
        for (var i = 0; i < args.Count; i++)
        {
            ok &= Expect(args[i], signature.Arguments[i], prior).Ok;
        }

        return new TypeAnswer(signature.Result, ok);
    }

    private void CheckAll(IReadOnlyList<Expr> args, Capabilities prior)
    {
        foreach (var arg in args)
        {
            Check(arg, prior);
        }
    }
}
