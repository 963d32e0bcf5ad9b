using System.CommandLine;

namespace Mandate.Cli;

internal static class GlobalOptions
{
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print machine-readable JSON instead of text.",
        Recursive = true,
    };

    public static readonly Option<string?> Home = new("--home")
    {
        Description = "The Mandate home folder [env: MANDATE_HOME; default: ~/.mandate].",
        Recursive = true,
    };
}
