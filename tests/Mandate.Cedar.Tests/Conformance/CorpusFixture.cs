using System.Formats.Tar;
using System.IO.Compression;

namespace Mandate.Cedar.Tests.Conformance;

/// <summary>
/// Locates the vendored cedar-integration-tests and extracts corpus-tests.tar.gz once per test run into a
/// temporary folder (removed afterwards), laid out like the upstream repository root.
/// </summary>
public sealed class CorpusFixture : IDisposable
{
    private readonly Lazy<string> _extracted;

    public CorpusFixture()
    {
        VendoredRoot = Path.Combine(AppContext.BaseDirectory, "cedar-integration-tests");
        _extracted = new Lazy<string>(Extract, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The vendored folder: tests/, sample-data/ and the tarball.</summary>
    public string VendoredRoot { get; }

    /// <summary>A folder holding <c>corpus-tests/</c> (extracted on first use).</summary>
    public string CorpusRoot => _extracted.Value;

    public void Dispose()
    {
        if (_extracted.IsValueCreated)
        {
            try
            {
                Directory.Delete(_extracted.Value, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private string Extract()
    {
        var target = Path.Combine(Path.GetTempPath(), "mandate-cedar-corpus-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(target);
        using var file = File.OpenRead(Path.Combine(VendoredRoot, "corpus-tests.tar.gz"));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        TarFile.ExtractToDirectory(gzip, target, overwriteFiles: true);
        return target;
    }
}
