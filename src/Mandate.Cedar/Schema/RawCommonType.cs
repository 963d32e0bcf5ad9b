namespace Mandate.Cedar.Schema;

internal sealed record RawCommonType(string Namespace, string Name, RawType Type, int Line, int Column);
