using System.Text.Json;
using Mandate.Core.Errors;

namespace Mandate.Core.Home;

/// <summary>The files of one trust domain under <c>$MANDATE_HOME</c> (default <c>~/.mandate</c>).</summary>
public sealed class MandateHome
{
    public const string EnvironmentVariable = "MANDATE_HOME";

    public MandateHome(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        // Without the trailing separator: 'init --force' moves the root to '<root>.replaced-…', not into itself.
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
    }

    public string Root { get; }

    public string ConfigPath => Path.Combine(Root, "config.json");

    public string DatabasePath => Path.Combine(Root, "mandate.db");

    public string KeysDirectory => Path.Combine(Root, "keys");

    public string CaCertificatePath => Path.Combine(KeysDirectory, "ca.pem");

    public string CaKeyPath => Path.Combine(KeysDirectory, "ca.key");

    public string JwtKeyPath => Path.Combine(KeysDirectory, "jwt.key");

    public bool Exists => File.Exists(ConfigPath);

    /// <summary>The home from <c>$MANDATE_HOME</c>, else <c>~/.mandate</c>.</summary>
    public static MandateHome Resolve(string? environmentValue, string userProfile) =>
        new(string.IsNullOrWhiteSpace(environmentValue) ? Path.Combine(userProfile, ".mandate") : environmentValue);

    public Outcome<Settings> LoadSettings()
    {
        if (!Exists)
        {
            return new MandateError(
                ErrorCodes.HomeMissing,
                $"No Mandate home at {Root}.",
                "Run 'mandate init --trust-domain <name>' first, or set MANDATE_HOME to an existing home.");
        }

        var config = LoadConfig();
        return config.IsSuccess ? Settings.From(config.Value, ConfigPath) : config.Error;
    }

    /// <summary>Reads config.json as written, unchecked (see <see cref="LoadSettings"/> for the checked view).</summary>
    public Outcome<MandateConfig> LoadConfig()
    {
        MandateConfig config;
        try
        {
            config = MandateConfigReader.Read(File.ReadAllBytes(ConfigPath));
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return new MandateError(
                ErrorCodes.ConfigInvalid,
                $"{ConfigPath} cannot be read: {FirstLine(e.Message)}",
                "Fix the JSON (docs/configuration.md lists every key), or re-create the home with 'mandate init --force'.");
        }

        return config;
    }

    public void SaveConfig(MandateConfig config) =>
        KeyFiles.WritePublic(ConfigPath, JsonSerializer.Serialize(config, CoreJsonContext.Default.MandateConfig) + "\n");

    private static string FirstLine(string message)
    {
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? message : message[..newline];
    }
}
