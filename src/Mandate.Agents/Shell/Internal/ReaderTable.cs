namespace Mandate.Agents.Shell.Internal;

/// <summary>Programs whose operands are files they read, with the options that take a value.</summary>
internal static class ReaderTable
{
    public static bool TryGet(string program, out string shortWithValue, out string longWithValue)
    {
        (shortWithValue, longWithValue) = program switch
        {
            "cat" or "tac" or "more" or "less" or "most" or "view" or "bat" or "batcat" or "zcat" or "bzcat" or "xzcat"
                or "zstdcat" or "zless" or "zmore" or "gzcat" or "lzcat" or "md5sum" or "sha1sum" or "sha224sum" or "sha256sum"
                or "sha384sum" or "sha512sum" or "b2sum" or "cksum" or "sum" or "wc" or "expand" or "unexpand" or "rev"
                or "vis" or "strings-utf8" or "nano" or "vi" or "vim" or "nvim" or "emacs" or "ed" or "pico" or "code"
                or "md5" or "shasum" or "stat" or "du" or "ls" or "tree" or "realpath" or "readlink" or "namei" or "lsattr"
                or "getfacl" or "sqlite3" or "xmllint" or "php-cs-fixer" or "pr" or "tsort" => ("", "terminal-width"),
            "head" or "tail" => ("ncs", "lines|bytes|pid|sleep-interval|max-unchanged-stats"),
            "base64" or "base32" or "basenc" => ("w", "wrap"),
            "xxd" => ("lscgon", ""),
            "od" => ("AjNtwS", "address-radix|skip-bytes|read-bytes|format|width|strings|endian"),
            "hexdump" or "hd" => ("ens", ""),
            "strings" => ("nteTs", "bytes|radix|encoding|target|output-separator"),
            "nl" => ("bdfhilnsvw", ""),
            "cut" => ("bcdf", "bytes|characters|delimiter|fields|output-delimiter"),
            "diff" or "diff3" or "sdiff" or "colordiff" => ("CUFSxXLDI", "label|exclude|exclude-from|ignore-matching-lines|starting-file|line-format|from-file|to-file|width|horizon-lines|color|palette|unified|context"),
            "cmp" or "comm" => ("in", "ignore-initial|bytes|output-delimiter"),
            "paste" => ("d", "delimiters"),
            "join" => ("aejotv12", ""),
            "fold" or "fmt" => ("wgp", "width|goal|prefix"),
            "column" => ("cstoNEWHlRrd", ""),
            "iconv" => ("ftco", "from-code|to-code|output"),
            "shuf" => ("neir", "head-count|input-range|random-source|output"),
            "file" => ("mfPeF", "magic-file|files-from|parameter|exclude|separator"),
            "split" or "csplit" => ("lbCnaptf", "lines|bytes|line-bytes|number|suffix-length|additional-suffix|filter|prefix|separator|digits|suffix-format"),
            "look" => ("t", ""),
            "gpg" or "gpg2" => ("urfo", "recipient|local-user|output|homedir|default-key|passphrase-file|keyring|secret-keyring|trust-model|cipher-algo|digest-algo|compress-algo|status-fd|passphrase-fd|logger-fd"),
            "age" => ("rRio", "recipient|recipients-file|identity|output"),
            "sops" => ("", "output|input-type|output-type|config|extract"),
            _ => (null!, null!),
        };

        return shortWithValue is not null;
    }
}
