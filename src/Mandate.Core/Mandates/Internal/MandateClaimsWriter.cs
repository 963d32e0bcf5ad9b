using System.Text.Json;

namespace Mandate.Core.Mandates.Internal;

/// <summary>Writes mandate claims with <see cref="Utf8JsonWriter"/>: no reflection, Native-AOT clean.</summary>
internal static class MandateClaimsWriter
{
    public static void Write(Utf8JsonWriter w, MandateClaims c)
    {
        w.WriteString("iss", c.Issuer);
        w.WriteString("sub", c.Subject);
        if (c.Audience.Count == 1)
        {
            w.WriteString("aud", c.Audience[0]);
        }
        else if (c.Audience.Count > 1)
        {
            w.WriteStartArray("aud");
            foreach (var a in c.Audience)
            {
                w.WriteStringValue(a);
            }

            w.WriteEndArray();
        }

        WriteAct(w, c.Actors, c.Actors.Count - 1);
        w.WriteString("scope", c.Scope.ToString());
        w.WriteStartObject("task");
        w.WriteString("id", c.Task.Id);
        w.WriteString("purpose", c.Task.Purpose);
        w.WriteEndObject();
        w.WriteStartArray("delegation_chain");
        foreach (var hop in c.Chain)
        {
            w.WriteStartObject();
            w.WriteString("delegator", hop.Delegator);
            w.WriteString("delegatee", hop.Delegatee);
            w.WriteString("scope", hop.Scope.ToString());
            w.WriteNumber("iat", hop.IssuedAt.ToUnixTimeSeconds());
            w.WriteNumber("exp", hop.ExpiresAt.ToUnixTimeSeconds());
            w.WriteString("jti", hop.Jti);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("constraints");
        w.WriteNumber("max_depth", c.Constraints.MaxDepth);
        w.WriteStartArray("ask");
        foreach (var capability in c.Constraints.Ask.Capabilities)
        {
            w.WriteStringValue(capability.ToString());
        }

        w.WriteEndArray();
        w.WriteEndObject();
        if (c.Thumbprint is not null)
        {
            w.WriteStartObject("cnf");
            w.WriteString(MandateFormat.ThumbprintMember, c.Thumbprint);
            w.WriteEndObject();
        }

        w.WriteNumber("iat", c.IssuedAt.ToUnixTimeSeconds());
        w.WriteNumber("nbf", c.NotBefore.ToUnixTimeSeconds());
        w.WriteNumber("exp", c.ExpiresAt.ToUnixTimeSeconds());
        w.WriteString("jti", c.Jti);
    }

    /// <summary>RFC 8693 §4.1: the outermost <c>act</c> is the current actor; each earlier actor is nested inside.</summary>
    private static void WriteAct(Utf8JsonWriter w, IReadOnlyList<string> actors, int index)
    {
        w.WriteStartObject("act");
        w.WriteString("sub", actors[index]);
        if (index > 0)
        {
            WriteAct(w, actors, index - 1);
        }

        w.WriteEndObject();
    }
}
