namespace Mandate.Core.Mandates;

/// <summary>Answers whether a mandate id (<c>jti</c>) has been revoked; the verifier asks for the token and every hop of its chain.</summary>
public interface IRevocationList
{
    bool IsRevoked(string jti);
}
