using System.Text.Json.Nodes;

namespace Mandate.Credentials.Providers;

/// <summary>A registered provider with its configuration opened (it may hold an admin password: never print or log it).</summary>
public sealed record RegisteredProvider(string Name, string Kind, JsonObject Config, DateTimeOffset CreatedAt);
