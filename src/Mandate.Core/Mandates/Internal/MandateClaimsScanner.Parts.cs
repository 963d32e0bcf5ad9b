using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Mandate.Core.Mandates.Internal;

internal ref partial struct MandateClaimsScanner
{
    /// <summary>One level of <c>act</c> (the reader is on its value), then the levels nested in it.</summary>
    private void ScanActor(ref RawClaims c)
    {
        if (c.ActorCount == RawClaims.ActorLimit)
        {
            // Deeper than any check looks: the nesting is refused at the level above.
            _reader.Skip();
            return;
        }

        ref var actor = ref c.Actors[c.ActorCount++];
        if (!Open(ref actor.Shape))
        {
            return;
        }

        while (Next() == JsonTokenType.PropertyName)
        {
            var name = Name();
            if (name.SequenceEqual("sub"u8))
            {
                if (!Repeat(ref actor.Shape, actor.Subject.IsPresent))
                {
                    _reader.Read();
                    actor.Subject = Value();
                }
            }
            else if (name.SequenceEqual("act"u8))
            {
                if (!Repeat(ref actor.Shape, actor.HasInner))
                {
                    actor.HasInner = true;
                    _reader.Read();
                    ScanActor(ref c);
                }
            }
            else
            {
                SkipMember(ref actor.Shape);
            }
        }
    }

    private void ScanTask(ref RawClaims c)
    {
        if (!Open(ref c.Task))
        {
            return;
        }

        while (Next() == JsonTokenType.PropertyName)
        {
            var name = Name();
            if (name.SequenceEqual("id"u8))
            {
                if (!Repeat(ref c.Task, c.TaskId.IsPresent))
                {
                    _reader.Read();
                    c.TaskId = Value();
                }
            }
            else if (name.SequenceEqual("purpose"u8))
            {
                if (!Repeat(ref c.Task, c.TaskPurpose.IsPresent))
                {
                    _reader.Read();
                    c.TaskPurpose = Value();
                }
            }
            else
            {
                SkipMember(ref c.Task);
            }
        }
    }

    private void ScanChain(ref RawClaims c)
    {
        c.ChainType = _reader.TokenType;
        if (c.ChainType != JsonTokenType.StartArray)
        {
            _reader.Skip();
            return;
        }

        while (Next() != JsonTokenType.EndArray)
        {
            if (c.ChainLength < RawClaims.HopLimit)
            {
                ScanHop(ref c.Hops[c.ChainLength]);
            }
            else
            {
                // The chain is refused by its length alone.
                _reader.Skip();
            }

            c.ChainLength++;
        }
    }

    private void ScanHop(ref RawClaims.Hop hop)
    {
        if (!Open(ref hop.Shape))
        {
            return;
        }

        while (Next() == JsonTokenType.PropertyName)
        {
            var name = Name();
            ref var slot = ref HopMember(ref hop, name);
            if (Unsafe.IsNullRef(ref slot))
            {
                SkipMember(ref hop.Shape);
            }
            else if (!Repeat(ref hop.Shape, slot.IsPresent))
            {
                _reader.Read();
                slot = Value();
            }
        }
    }

    private static ref ClaimValue HopMember(ref RawClaims.Hop hop, ReadOnlySpan<byte> name)
    {
        switch (name.Length)
        {
            case 3 when name.SequenceEqual("iat"u8): return ref hop.IssuedAt;
            case 3 when name.SequenceEqual("exp"u8): return ref hop.ExpiresAt;
            case 3 when name.SequenceEqual("jti"u8): return ref hop.Jti;
            case 5 when name.SequenceEqual("scope"u8): return ref hop.Scope;
            case 9 when name.SequenceEqual("delegator"u8): return ref hop.Delegator;
            case 9 when name.SequenceEqual("delegatee"u8): return ref hop.Delegatee;
            default: return ref Unsafe.NullRef<ClaimValue>();
        }
    }

    private void ScanConstraints(ref RawClaims c)
    {
        if (!Open(ref c.Constraints))
        {
            return;
        }

        while (Next() == JsonTokenType.PropertyName)
        {
            var name = Name();
            if (name.SequenceEqual("max_depth"u8))
            {
                if (!Repeat(ref c.Constraints, c.MaxDepth.IsPresent))
                {
                    _reader.Read();
                    c.MaxDepth = Value();
                }
            }
            else if (name.SequenceEqual("ask"u8))
            {
                if (!Repeat(ref c.Constraints, c.AskType != JsonTokenType.None))
                {
                    _reader.Read();
                    ScanAsk(ref c);
                }
            }
            else
            {
                SkipMember(ref c.Constraints);
            }
        }
    }

    private void ScanAsk(ref RawClaims c)
    {
        c.AskType = _reader.TokenType;
        if (c.AskType != JsonTokenType.StartArray)
        {
            _reader.Skip();
            return;
        }

        while (Next() != JsonTokenType.EndArray)
        {
            if (_reader.TokenType == JsonTokenType.String)
            {
                (c.Ask ??= []).Add(Text());
            }
            else
            {
                c.AskHasNonString = true;
                _reader.Skip();
            }
        }
    }

    private void ScanConfirmation(ref RawClaims c)
    {
        c.ConfirmationType = _reader.TokenType;
        if (c.ConfirmationType != JsonTokenType.StartObject)
        {
            _reader.Skip();
            return;
        }

        while (Next() == JsonTokenType.PropertyName)
        {
            c.ConfirmationMembers++;
            if (Name().SequenceEqual("x5t#S256"u8))
            {
                _reader.Read();
                c.Thumbprint = Value();
            }
            else
            {
                SkipValue();
            }
        }
    }

    private void ScanAudience(ref RawClaims c)
    {
        if (_reader.TokenType != JsonTokenType.StartArray)
        {
            c.Audience = Value();
            return;
        }

        c.Audience = ClaimValue.Other(JsonTokenType.StartArray);
        while (Next() != JsonTokenType.EndArray)
        {
            c.AudienceLength++;
            if (_reader.TokenType == JsonTokenType.String && Text() is { Length: > 0 } audience)
            {
                (c.AudienceList ??= []).Add(audience);
            }
            else
            {
                _reader.Skip();
            }
        }
    }

    /// <summary>Starts an object claim (the reader is on its value): false, with the value skipped, when it is not an object.</summary>
    private bool Open(ref RawClaims.Part part)
    {
        part.Type = _reader.TokenType;
        if (part.Type == JsonTokenType.StartObject)
        {
            return true;
        }

        _reader.Skip();
        return false;
    }

    /// <summary>Whether a known member is met again (then its value is skipped and the object marked).</summary>
    private bool Repeat(ref RawClaims.Part part, bool alreadyPresent)
    {
        if (!alreadyPresent)
        {
            return false;
        }

        part.Repeated = true;
        SkipValue();
        return true;
    }

    /// <summary>A member that does not belong to the object: the first one's name is kept for the message.</summary>
    private void SkipMember(ref RawClaims.Part part)
    {
        part.Unknown ??= NameText();
        SkipValue();
    }
}
