namespace Mandate.Cedar.Testing;

/// <summary>
/// The files a test named, as they were found (full paths): a name is looked up in the current directory first, then
/// in the test file's directory and its parents, so the same test can read different files from different places.
/// Null for a file the test does not name or that was not found.
/// </summary>
public sealed record IntegrationTestFiles(string? Policies, string? Entities, string? Schema)
{
    public static IntegrationTestFiles None { get; } = new(null, null, null);
}
