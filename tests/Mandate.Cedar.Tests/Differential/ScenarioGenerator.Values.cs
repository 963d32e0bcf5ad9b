using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Mandate.Cedar.Tests.Differential;

internal sealed partial class ScenarioGenerator
{
    /// <summary>Entity attribute and context values (JSON), with __entity and __extn escapes; integers within ±2^53.</summary>
    private JsonNode? JsonValueOf(Kind kind, int depth) => kind switch
    {
        Kind.Bool => JsonValue.Create(_r.Chance(0.5)),
        Kind.Long => JsonValue.Create(_r.Chance(0.7) ? _r.Pick(Vocabulary.SmallLongs) : _r.Next(20) - 10),
        Kind.String => JsonValue.Create(_r.Pick(Vocabulary.Strings)),
        Kind.Entity => new JsonObject { ["__entity"] = UidJson(AnyUid()) },
        Kind.StringSet => JsonSet(Kind.String, depth),
        Kind.LongSet => JsonSet(Kind.Long, depth),
        Kind.EntitySet => JsonSet(Kind.Entity, depth),
        Kind.Record => JsonRecord(depth),
        Kind.Ip => Extension("ip", _r.Pick(Vocabulary.IpLiterals[..10])),
        Kind.Decimal => Extension("decimal", _r.Pick(Vocabulary.DecimalLiterals[..6])),
        Kind.DateTime => Extension("datetime", _r.Pick(Vocabulary.DateTimeLiterals[..6])),
        _ => Extension("duration", _r.Pick(Vocabulary.DurationLiterals[..6])),
    };

    private JsonArray JsonSet(Kind element, int depth)
    {
        var set = new JsonArray();
        var count = _r.Next(4);
        for (var i = 0; i < count; i++)
        {
            set.Add(JsonValueOf(element, depth - 1));
        }

        return set;
    }

    /// <summary>The <c>info</c> record shape: <c>{a: Long, b: String, c: {d: Bool}}</c>, fields sometimes missing.</summary>
    private JsonObject JsonRecord(int depth)
    {
        var record = new JsonObject();
        if (_r.Chance(0.8))
        {
            record["a"] = JsonValueOf(Kind.Long, depth - 1);
        }

        if (_r.Chance(0.8))
        {
            record["b"] = JsonValueOf(Kind.String, depth - 1);
        }

        if (_r.Chance(0.7) && depth > 0)
        {
            record["c"] = new JsonObject { ["d"] = JsonValue.Create(_r.Chance(0.5)) };
        }

        return record;
    }

    private static JsonObject Extension(string fn, string arg) => new() { ["__extn"] = new JsonObject { ["fn"] = fn, ["arg"] = arg } };

    /// <summary>A Cedar string literal, with every escape form Cedar knows used at random.</summary>
    private string Quote(string value, bool pattern = false)
    {
        var text = new StringBuilder("\"");
        foreach (var rune in value.EnumerateRunes())
        {
            var c = rune.Value;
            var escaped = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => _r.Chance(0.5) ? "\\t" : "\\u{9}",
                '\r' => "\\r",
                '\0' => "\\0",
                '\'' => _r.Chance(0.5) ? "\\'" : "'",
                '*' when pattern => "\\*",
                _ when c > 0x7F && _r.Chance(0.5) => "\\u{" + c.ToString("x", CultureInfo.InvariantCulture) + "}",
                _ => rune.ToString(),
            };
            text.Append(escaped);
        }

        return text.Append('"').ToString();
    }

    private string UidText((string Type, string Id) uid) => uid.Type + "::" + Quote(uid.Id);

    /// <summary>A <c>like</c> pattern derived from a pool string (so it often matches): pieces become wildcards.</summary>
    private string Pattern()
    {
        var source = _r.Pick(Vocabulary.Strings);
        var text = new StringBuilder("\"");
        var runes = source.EnumerateRunes().ToList();
        for (var i = 0; i < runes.Count; i++)
        {
            if (_r.Chance(0.2))
            {
                text.Append('*');
                i += _r.Next(3);
                continue;
            }

            var one = Quote(runes[i].ToString(), pattern: true);
            text.Append(one, 1, one.Length - 2);
        }

        if (_r.Chance(0.2))
        {
            text.Append('*');
        }

        return text.Append('"').ToString();
    }

    private Ex LongLiteral()
    {
        var value = _r.Chance(0.6) ? _r.Pick(Vocabulary.SmallLongs) : _r.Pick(Vocabulary.TextLongs);
        var text = value.ToString(CultureInfo.InvariantCulture);
        return new Ex(text, value < 0 ? Ex.Unary : Ex.Primary);
    }

    private Ex ExtensionLiteral(string fn, string[] pool) => Ex.Atom(fn + "(" + Quote(_r.Pick(pool)) + ")");
}
