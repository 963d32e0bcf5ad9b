namespace Mandate.Cedar.Evaluation;

internal enum Variable
{
    Principal,
    Action,
    Resource,
    Context,
}
