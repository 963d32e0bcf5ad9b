using Spectre.Console;
using Spectre.Console.Rendering;

namespace Mandate.Cli.Output;

/// <summary>Renders Spectre.Console widgets to a given writer (colour only on a terminal).</summary>
internal static class Terminal
{
    public static void Write(TextWriter writer, IRenderable renderable)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = Console.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
        });
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 200;
        }

        console.Write(renderable);
    }
}
