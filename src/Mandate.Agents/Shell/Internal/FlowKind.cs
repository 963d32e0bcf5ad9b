namespace Mandate.Agents.Shell.Internal;

/// <summary>What a command's standard input carries, as far as the analyser can tell.</summary>
internal enum FlowKind
{
    /// <summary>Nothing redirected or piped: the caller's input.</summary>
    None,

    /// <summary>Data whose content is not known.</summary>
    Unknown,

    /// <summary>Fully literal text (echo, printf, here-document, here-string).</summary>
    Literal,

    /// <summary>Output of a decoder (base64 -d, xxd -r, gunzip…).</summary>
    Decoded,

    /// <summary>Data fetched from the network (curl, wget, nc…).</summary>
    Network,

    /// <summary>The content of a file.</summary>
    File,
}
