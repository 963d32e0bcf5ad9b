namespace Mandate.Cedar.Evaluation;

internal enum UnaryOp
{
    Not,
    Negate,
    IsEmpty,
}
