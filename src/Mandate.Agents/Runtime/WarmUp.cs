using System.Text.Json;
using Mandate.Core.Audit;

namespace Mandate.Agents.Runtime;

/// <summary>
/// One-time work a tool call does after its decision, run ahead on the policy thread (<see cref="PolicyLoad"/>)
/// while the first thread opens the store: the audit append's set-up (<see cref="AuditWarmUp"/>) and the JSON
/// writer's escaping tables, which the answer needs. It only saves time; it changes nothing the call does.
/// </summary>
internal static class WarmUp
{
    public static void Run()
    {
        AuditWarmUp.Run();
        try
        {
            using var buffer = new MemoryStream();
            using var writer = new Utf8JsonWriter(buffer);
            writer.WriteStartObject();
            writer.WriteString("reason", "warm-up <&>");
            writer.WriteEndObject();
        }
        catch (Exception)
        {
            // A head start only: never an error.
        }
    }
}
