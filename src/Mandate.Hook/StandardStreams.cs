using Microsoft.Win32.SafeHandles;

namespace Mandate.Hook;

/// <summary>
/// stdin, stdout and stderr as plain file streams when they are pipes, as agents connect them. Console's own
/// streams set up the terminal and start a signal-handling thread the first time they are written to, which a
/// hook never needs. A regular file (a redirection when run by hand) gets Console's stream: FileStream writes a
/// seekable file at its own position, without moving the descriptor's shared offset, and would overwrite what
/// others write to the same file.
/// </summary>
internal static class StandardStreams
{
    public static Stream Open(int descriptor, FileAccess access)
    {
        if (!OperatingSystem.IsWindows())
        {
            var stream = new FileStream(new SafeFileHandle(descriptor, ownsHandle: false), access, bufferSize: 0);
            if (!stream.CanSeek)
            {
                return stream;
            }

            stream.Dispose();
        }

        return descriptor switch
        {
            0 => Console.OpenStandardInput(),
            1 => Console.OpenStandardOutput(),
            _ => Console.OpenStandardError(),
        };
    }
}
