namespace Mandate.Cedar;

public enum Effect
{
    Permit,
    Forbid,
}
