using System.Text.Json;
using Mandate.Cedar.Extensions;

namespace Mandate.Cedar.Json;

/// <summary>Writes Cedar values in the entities/context JSON form, with explicit <c>__entity</c> and <c>__extn</c> escapes.</summary>
internal static class CedarJsonWriter
{
    public static void WriteUid(Utf8JsonWriter writer, EntityUid uid)
    {
        writer.WriteStartObject();
        writer.WriteString("type", uid.Type);
        writer.WriteString("id", uid.Id);
        writer.WriteEndObject();
    }

    public static void WriteValue(Utf8JsonWriter writer, CedarValue value)
    {
        switch (value)
        {
            case BoolValue b:
                writer.WriteBooleanValue(b.Value);
                break;
            case LongValue l:
                writer.WriteNumberValue(l.Value);
                break;
            case StringValue s:
                writer.WriteStringValue(s.Value);
                break;
            case EntityUid uid:
                writer.WriteStartObject();
                writer.WritePropertyName("__entity");
                WriteUid(writer, uid);
                writer.WriteEndObject();
                break;
            case SetValue set:
                writer.WriteStartArray();
                foreach (var item in set.Items)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            case RecordValue record:
                writer.WriteStartObject();
                foreach (var (key, item) in record.Attributes)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item);
                }

                writer.WriteEndObject();
                break;
            case IpAddrValue ip:
                WriteExtension(writer, "ip", ip.Text);
                break;
            case DecimalValue d:
                WriteExtension(writer, "decimal", d.Text);
                break;
            case DurationValue d:
                WriteExtension(writer, "duration", d.Text);
                break;
            case DateTimeValue dt:
                // Any datetime, even outside years 0000-9999, is the epoch offset by a duration.
                writer.WriteStartObject();
                writer.WritePropertyName("__extn");
                writer.WriteStartObject();
                writer.WriteString("fn", "offset");
                writer.WritePropertyName("args");
                writer.WriteStartArray();
                WriteExtension(writer, "datetime", "1970-01-01");
                WriteExtension(writer, "duration", new DurationValue(dt.EpochMilliseconds).Text);
                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            default:
                throw new InvalidOperationException("unknown value kind " + value.Kind);
        }
    }

    private static void WriteExtension(Utf8JsonWriter writer, string function, string argument)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("__extn");
        writer.WriteStartObject();
        writer.WriteString("fn", function);
        writer.WriteString("arg", argument);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
