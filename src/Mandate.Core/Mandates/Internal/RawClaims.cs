using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Mandate.Core.Mandates.Internal;

/// <summary>
/// A mandate's payload as <see cref="MandateClaimsScanner"/> found it, before any claim is judged: each
/// claim's value, and at every level walked the first unknown member name and whether a name repeated.
/// <see cref="MandateClaimsReader"/> judges it, in the order of its checks, once the signature verified.
/// A mutable struct held by the verifier for one verification (its hops and actors inline, no array).
/// </summary>
internal struct RawClaims
{
    /// <summary>The first member that is not a mandate claim, or null.</summary>
    public string? Unknown;

    public bool Repeated;

    public ClaimValue Issuer, Subject, Scope, Jti, IssuedAt, NotBefore, ExpiresAt;

    /// <summary>Whether the payload has an <c>act</c> claim; its nesting, outermost first, is in <see cref="Actors"/>.</summary>
    public bool HasActor;

    public int ActorCount;

    public ActorLevels Actors;

    public Part Task;

    public ClaimValue TaskId, TaskPurpose;

    /// <summary>The JSON type of <c>delegation_chain</c> and its number of elements; the first <see cref="HopLimit"/> are in <see cref="Hops"/>.</summary>
    public JsonTokenType ChainType;

    public int ChainLength;

    public HopList Hops;

    public Part Constraints;

    public ClaimValue MaxDepth;

    /// <summary>The JSON type of <c>constraints.ask</c>; its strings when all its elements are strings.</summary>
    public JsonTokenType AskType;

    public bool AskHasNonString;

    public List<string>? Ask;

    /// <summary><c>cnf</c>: its JSON type, its number of members and the value of <c>x5t#S256</c>.</summary>
    public JsonTokenType ConfirmationType;

    public int ConfirmationMembers;

    public ClaimValue Thumbprint;

    /// <summary><c>aud</c>: a string in <see cref="Audience"/>, or an array whose non-empty strings are in <see cref="AudienceList"/>.</summary>
    public ClaimValue Audience;

    public int AudienceLength;

    public List<string>? AudienceList;

    /// <summary>Hops kept: the longest chain accepted (a longer one is refused by its length alone).</summary>
    public const int HopLimit = MandateFormat.MaxDepthLimit + 1;

    /// <summary>Levels of act kept: one more than any chain has, so that a deeper nesting is seen.</summary>
    public const int ActorLimit = MandateFormat.MaxDepthLimit + 2;

    /// <summary>An object claim with fixed members (task, constraints, a hop, a level of act): its type and member problems.</summary>
    public struct Part
    {
        public JsonTokenType Type;

        /// <summary>The first member name that does not belong, or null.</summary>
        public string? Unknown;

        public bool Repeated;

        public readonly bool IsWellFormedObject => Type == JsonTokenType.StartObject && Unknown is null && !Repeated;
    }

    /// <summary>One level of the <c>act</c> nesting.</summary>
    public struct Actor
    {
        public Part Shape;

        public ClaimValue Subject;

        /// <summary>Whether this level has an <c>act</c> member (the next level).</summary>
        public bool HasInner;
    }

    /// <summary>One element of <c>delegation_chain</c>.</summary>
    public struct Hop
    {
        public Part Shape;

        public ClaimValue Delegator, Delegatee, Scope, IssuedAt, ExpiresAt, Jti;
    }

    [InlineArray(ActorLimit)]
    public struct ActorLevels
    {
        private Actor _element0;
    }

    [InlineArray(HopLimit)]
    public struct HopList
    {
        private Hop _element0;
    }
}
