using Mandate.Cedar.Evaluation;
using Mandate.Cedar.Parsing;

namespace Mandate.Cedar.Tests;

/// <summary>Helpers to evaluate expressions and policies in tests.</summary>
internal static class Cedar
{
    public static readonly EntityUid Alice = new("User", "alice");
    public static readonly EntityUid View = new("Action", "view");
    public static readonly EntityUid Photo = new("Photo", "vacation.jpg");

    /// <summary>Evaluates an expression; returns the value, or the error message prefixed with "error: ".</summary>
    public static string Eval(string expression, Entities? entities = null, RecordValue? context = null)
    {
        var expr = Parser.ParseExpression(expression);
        var ctx = new EvaluationContext(new Request(Alice, View, Photo, context), entities ?? Entities.Empty);
        var value = expr.Evaluate(ctx);
        return value is null ? "error: " + ctx.Error : value.ToString();
    }

    public static bool IsError(string expression, Entities? entities = null) => Eval(expression, entities).StartsWith("error:", StringComparison.Ordinal);

    public static Response Authorize(string policies, Entities? entities = null, Request? request = null) =>
        Authorizer.IsAuthorized(request ?? new Request(Alice, View, Photo), PolicySet.Parse(policies), entities ?? Entities.Empty);
}
