using System.Globalization;
using System.Text;
using Mandate.Core.Home;
using Mandate.Credentials.Ssh.Internal;

namespace Mandate.Credentials.Ssh;

/// <summary>
/// The serials of revoked certificates, kept in two forms under <c>$MANDATE_HOME/ssh/</c>:
/// <c>revoked_serials</c>, text in <c>ssh-keygen -k</c>'s KRL specification format (<c>serial: N</c> lines), and
/// <c>revoked.krl</c>, the same list as a binary OpenSSH KRL (PROTOCOL.krl) for sshd's <c>RevokedKeys</c>.
/// Certificates also expire within minutes, so the list matters only until then.
/// </summary>
public sealed class SshRevocationList
{
    public const string SerialsFileName = "revoked_serials";
    public const string KrlFileName = "revoked.krl";

    private const byte SectionCertificates = 1;
    private const byte CertSerialList = 0x20;
    private static readonly byte[] KrlMagic = "SSHKRL\n\0"u8.ToArray();

    private readonly string _directory;
    private readonly SshPublicKey _caKey;
    private readonly TimeProvider _time;

    public SshRevocationList(string directory, SshPublicKey caKey, TimeProvider time)
    {
        _directory = directory;
        _caKey = caKey;
        _time = time;
    }

    public static SshRevocationList For(MandateHome home, SshPublicKey caKey, TimeProvider time) => new(SshOptions.DirectoryOf(home), caKey, time);

    public string SerialsPath => Path.Combine(_directory, SerialsFileName);

    public string KrlPath => Path.Combine(_directory, KrlFileName);

    public IReadOnlySet<ulong> Serials()
    {
        var serials = new SortedSet<ulong>();
        if (!File.Exists(SerialsPath))
        {
            return serials;
        }

        foreach (var line in File.ReadAllLines(SerialsPath))
        {
            if (line.StartsWith("serial:", StringComparison.Ordinal)
                && ulong.TryParse(line.AsSpan("serial:".Length).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var serial))
            {
                serials.Add(serial);
            }
        }

        return serials;
    }

    /// <summary>Writes both files when they are missing, so sshd's RevokedKeys (which refuses every key when its file is missing) can point at the KRL at once.</summary>
    public void EnsureExists()
    {
        if (!File.Exists(SerialsPath) || !File.Exists(KrlPath))
        {
            Update(static _ => { });
        }
    }

    /// <summary>Adds <paramref name="serial"/> (idempotent) and rewrites both files under a lock.</summary>
    public void Revoke(ulong serial) => Update(serials => serials.Add(serial));

    private void Update(Action<SortedSet<ulong>> change)
    {
        KeyFiles.CreatePrivateDirectory(_directory);
        // One writer at a time across processes: an exclusive lock file held for the read-modify-write.
        using var gate = AcquireLock();
        var serials = new SortedSet<ulong>(Serials());
        change(serials);
        var text = new StringBuilder()
            .Append("# Certificates revoked by Mandate's SSH CA (").Append(_caKey.Comment).Append("), in ssh-keygen -k format.\n")
            .Append("# sshd: RevokedKeys ").Append(KrlPath).Append(" (the same list as a binary KRL).\n");
        foreach (var serial in serials)
        {
            text.Append("serial: ").Append(serial.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        KeyFiles.WritePublic(SerialsPath, text.ToString());
        WriteBinary(KrlPath, ToKrl(serials));
    }

    /// <summary>The binary KRL: header, then one certificates section for the CA holding the serial list.</summary>
    internal byte[] ToKrl(IReadOnlyCollection<ulong> serials)
    {
        var now = (ulong)Math.Max(0, _time.GetUtcNow().ToUnixTimeSeconds());
        var writer = new SshWireWriter()
            .Raw(KrlMagic)
            .UInt32(1)
            .UInt64(now) // krl_version: increases with every change, as the time does
            .UInt64(now)
            .UInt64(0)
            .String(ReadOnlySpan<byte>.Empty)
            .String("Mandate SSH CA revocations");
        if (serials.Count > 0)
        {
            writer.Byte(SectionCertificates).Nested(section =>
            {
                section.String(_caKey.Blob.Span).String(ReadOnlySpan<byte>.Empty);
                section.Byte(CertSerialList).Nested(list =>
                {
                    foreach (var serial in serials)
                    {
                        list.UInt64(serial);
                    }
                });
            });
        }

        return writer.ToArray();
    }

    private FileStream AcquireLock()
    {
        var path = Path.Combine(_directory, ".revoked.lock");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 200)
            {
                Thread.Sleep(25);
            }
        }
    }

    private static void WriteBinary(string path, byte[] content)
    {
        var temp = path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        File.WriteAllBytes(temp, content);
        File.Move(temp, path, overwrite: true);
    }
}
