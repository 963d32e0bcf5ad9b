using Mandate.Core.Mandates.Internal;

namespace Mandate.Core.Mandates;

public sealed partial class MandateVerifier
{
    /// <summary>
    /// The chain must be one the issuer could have built: hop 1 is the human's grant (delegator =
    /// <c>sub</c>), each later delegator is the previous delegatee, the delegatees are the <c>act</c>
    /// nesting from innermost to outermost, the last hop is this token, and along the chain scopes
    /// narrow, expiries never grow, issue times never go back, and each delegator held
    /// <c>agent:delegate:&lt;type&gt;</c> for the next agent. Scopes were parsed once, with the claims.
    /// </summary>
    private MandateVerification? CheckChain(MandateClaims claims)
    {
        var chain = claims.Chain;
        if (chain.Count - 1 > claims.Constraints.MaxDepth)
        {
            return Fail(MandateCheck.ChainDepth, $"the chain has {chain.Count - 1} re-delegation(s) and max_depth is {claims.Constraints.MaxDepth}");
        }

        if (CheckActors(claims) is { } actorFailure)
        {
            return actorFailure;
        }

        var last = chain[^1];
        if (!string.Equals(last.Jti, claims.Jti, StringComparison.Ordinal) || !last.Scope.Equals(claims.Scope) ||
            last.IssuedAt != claims.IssuedAt || last.ExpiresAt != claims.ExpiresAt)
        {
            return Fail(MandateCheck.ChainLink, "the last hop of the chain does not describe this token (jti, scope, iat, exp)");
        }

        string? checkedDelegatee = null;
        Scope? checkedScope = null;
        for (var i = 0; i < chain.Count; i++)
        {
            var hop = chain[i];
            for (var j = 0; j < i; j++)
            {
                if (string.Equals(chain[j].Jti, hop.Jti, StringComparison.Ordinal))
                {
                    return Fail(MandateCheck.ChainLink, $"hops {j + 1} and {i + 1} share a jti");
                }
            }

            if (hop.ExpiresAt < hop.IssuedAt)
            {
                return Fail(MandateCheck.ChainOrder, $"hop {i + 1} expires before it was issued");
            }

            if (i == 0)
            {
                continue;
            }

            var before = chain[i - 1];
            if (!ParseCache.Covers(before.Scope, hop.Scope) && before.Scope.Uncovered(hop.Scope) is { } wider)
            {
                return Fail(MandateCheck.ChainScope, $"hop {i + 1} widens the scope: '{wider}' is not covered by hop {i}");
            }

            // A hop to the agent of the hop before, under the same scope, was answered there (the claims
            // reader gives repeated strings one instance, and the parse cache repeated scopes).
            if (!ReferenceEquals(hop.Delegatee, checkedDelegatee) || !ReferenceEquals(before.Scope, checkedScope))
            {
                var type = AgentTypeOf(hop.Delegatee)!;
                if (!ParseCache.AllowsDelegation(before.Scope, type))
                {
                    return Fail(MandateCheck.ChainDelegation, $"hop {i + 1} delegates to a '{type}' agent but hop {i} does not grant 'agent:delegate:{type}'");
                }

                (checkedDelegatee, checkedScope) = (hop.Delegatee, before.Scope);
            }

            if (hop.ExpiresAt > before.ExpiresAt)
            {
                return Fail(MandateCheck.ChainExpiry, $"hop {i + 1} expires at {hop.ExpiresAt:u}, after hop {i} ({before.ExpiresAt:u})");
            }

            if (hop.IssuedAt < before.IssuedAt)
            {
                return Fail(MandateCheck.ChainOrder, $"hop {i + 1} was issued at {hop.IssuedAt:u}, before hop {i} ({before.IssuedAt:u})");
            }
        }

        return null;
    }

    private MandateVerification? CheckActors(MandateClaims claims)
    {
        var chain = claims.Chain;
        if (chain.Count != claims.Actors.Count)
        {
            return Fail(MandateCheck.ChainActors, $"act nests {claims.Actors.Count} actor(s) but the chain has {chain.Count} hop(s)");
        }

        if (!string.Equals(chain[0].Delegator, claims.Subject, StringComparison.Ordinal))
        {
            return Fail(MandateCheck.ChainActors, "the first hop's delegator is not the human in sub");
        }

        for (var i = 0; i < chain.Count; i++)
        {
            var hop = chain[i];
            if (!string.Equals(hop.Delegatee, claims.Actors[i], StringComparison.Ordinal))
            {
                return Fail(MandateCheck.ChainActors, $"hop {i + 1}'s delegatee is not actor {i + 1} of the act nesting");
            }

            if (i > 0 && !string.Equals(hop.Delegator, chain[i - 1].Delegatee, StringComparison.Ordinal))
            {
                return Fail(MandateCheck.ChainActors, $"hop {i + 1}'s delegator is not hop {i}'s delegatee");
            }

            // The actors' SPIFFE IDs were parsed with the claims; here they must be this domain's agents.
            if (AgentTypeSpan(hop.Delegatee).IsEmpty)
            {
                return Fail(MandateCheck.ChainActors, $"hop {i + 1}'s delegatee is not an agent of '{_bundle.TrustDomain.Name}'");
            }
        }

        return null;
    }

    /// <summary>The agent type of <c>spiffe://&lt;this domain&gt;/agent/&lt;type&gt;/&lt;project&gt;…</c>, or null for any other ID.</summary>
    private string? AgentTypeOf(string spiffeId)
    {
        var type = AgentTypeSpan(spiffeId);
        return type.IsEmpty ? null : type.ToString();
    }

    private ReadOnlySpan<char> AgentTypeSpan(string spiffeId)
    {
        if (!spiffeId.StartsWith(_issuer, StringComparison.Ordinal) || !spiffeId.AsSpan(_issuer.Length).StartsWith("/agent/", StringComparison.Ordinal))
        {
            return default;
        }

        var rest = spiffeId.AsSpan(_issuer.Length + "/agent/".Length);
        var slash = rest.IndexOf('/');
        return slash > 0 && slash < rest.Length - 1 ? rest[..slash] : default;
    }
}
