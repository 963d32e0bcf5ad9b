namespace Mandate.Cli.Tests.Commands;

/// <summary>
/// One home with a small real audit log, made once through the CLI (init, then five agents
/// registered: six records); each test works on its own copy.
/// </summary>
public sealed class AuditSeededHome : IAsyncLifetime
{
    public const int Records = 6;

    private readonly TempHome _template = new();

    internal TempHome Copy()
    {
        var copy = new TempHome();
        CopyDirectory(_template.Home, copy.Home);
        return copy;
    }

    public async ValueTask InitializeAsync()
    {
        await _template.InitAsync();
        for (var i = 1; i < Records; i++)
        {
            await _template.RegisterAsync(project: "p" + i);
        }
    }

    public ValueTask DisposeAsync()
    {
        _template.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            var target = Path.Combine(to, Path.GetFileName(file));
            File.Copy(file, target);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(file));
            }
        }

        foreach (var dir in Directory.GetDirectories(from))
        {
            CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }
}
