using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Mandate.Cedar.Tests.Conformance;

/// <summary>
/// Locates the vendored cedar-integration-tests and extracts corpus-tests.tar.gz into a temporary folder laid
/// out like the upstream repository root. The folder is named after the tarball's hash and reused by later
/// runs: writing, and above all deleting, 31,000 small files costs far more than the tests themselves.
/// </summary>
public sealed class CorpusFixture
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

    private string Extract()
    {
        var tarball = Path.Combine(VendoredRoot, "corpus-tests.tar.gz");
        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(tarball)))[..16];
        var target = Path.Combine(Path.GetTempPath(), "mandate-cedar-corpus-" + hash);
        var marker = Path.Combine(target, ".complete");
        if (File.Exists(marker))
        {
            return target;
        }

        var staging = target + "-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(staging);
        using (var file = File.OpenRead(tarball))
        using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        {
            TarFile.ExtractToDirectory(gzip, staging, overwriteFiles: true);
        }

        File.WriteAllText(Path.Combine(staging, ".complete"), hash);
        try
        {
            Directory.Move(staging, target);
        }
        catch (IOException) when (File.Exists(marker))
        {
            // Another test run finished extracting first; use its copy.
            return target;
        }

        return target;
    }
}
