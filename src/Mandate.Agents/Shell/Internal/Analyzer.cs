using System.Runtime.CompilerServices;
using System.Text;

namespace Mandate.Agents.Shell.Internal;

/// <summary>
/// Walks a parsed script and unfolds it into <see cref="SimpleCommand"/>s. Nested text (bash -c, eval,
/// here-documents fed to a shell) is parsed and walked recursively under the shared budget.
/// </summary>
internal sealed partial class Analyzer
{
    private readonly string _home;
    private readonly AnalysisBudget _budget = new();
    private readonly List<CommandBuilder> _commands = [];
    private readonly StringBuilder _sb = new();
    private Scope _scope;
    private int _level;

    private Analyzer(ShellContext context)
    {
        _home = ShellPath.Normalize(context.HomeDirectory);
        _scope = new Scope(ShellPath.Normalize(context.WorkingDirectory));
    }

    public static ShellAnalysis Run(string text, ShellContext context)
    {
        if (text.Length > AnalysisBudget.MaxInputBytes || Encoding.UTF8.GetByteCount(text) > AnalysisBudget.MaxInputBytes)
        {
            return new ShellAnalysis { Commands = [], Error = $"command longer than {AnalysisBudget.MaxInputBytes / 1024} KiB" };
        }

        var analyzer = new Analyzer(context);
        try
        {
            var script = Parser.Parse(text, analyzer._budget, 0);
            analyzer.AnalyzeScript(script, "");
        }
        catch (ShellSyntaxException e)
        {
            return new ShellAnalysis { Commands = [], Error = e.Message };
        }
        catch (InsufficientExecutionStackException)
        {
            return new ShellAnalysis { Commands = [], Error = "command nested too deeply" };
        }

        var commands = new SimpleCommand[analyzer._commands.Count];
        for (var i = 0; i < commands.Length; i++)
        {
            commands[i] = analyzer._commands[i].Build();
        }

        return new ShellAnalysis { Commands = commands };
    }

    private static string Join(string via, string label) => via.Length == 0 ? label : via + " > " + label;

    private string Resolve(string path) => ShellPath.Resolve(path, _scope.Cwd, _home);

    private CommandBuilder NewCommand(string via)
    {
        if (_commands.Count >= AnalysisBudget.MaxCommands)
        {
            throw new ShellSyntaxException($"more than {AnalysisBudget.MaxCommands} simple commands");
        }

        var command = new CommandBuilder(via);
        _commands.Add(command);
        return command;
    }

    // ---- scripts, pipelines, compounds ---------------------------------------------------------

    private void AnalyzeScript(Script script, string via)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        Dictionary<string, string?>? conditional = null;
        foreach (var pipeline in script.Pipelines)
        {
            if (pipeline.Connector is "&&" or "||")
            {
                conditional ??= _scope.SnapshotVars();
            }
            else if (conditional is not null)
            {
                _scope.ForgetChangedSince(conditional);
                conditional = null;
            }

            AnalyzePipeline(pipeline, via);
        }

        if (conditional is not null)
        {
            _scope.ForgetChangedSince(conditional);
        }
    }

    private void AnalyzePipeline(Pipeline pipeline, string via)
    {
        var flow = Flow.None;
        for (var i = 0; i < pipeline.Commands.Count; i++)
        {
            var stdin = i == 0 ? Flow.None : (flow.Kind == FlowKind.None ? Flow.Unknown : flow);
            flow = AnalyzeCommand(pipeline.Commands[i], via, stdin);
        }
    }

    private Flow AnalyzeCommand(CommandNode node, string via, Flow stdin)
    {
        switch (node)
        {
            case SimpleNode simple:
                return AnalyzeSimple(simple, via, stdin);
            case CompoundNode compound:
                AnalyzeCompound(compound, via);
                return Flow.Unknown;
            case FunctionNode function:
                _scope.Functions.Add(function.Name);
                var cwd = _scope.Cwd;
                var vars = _scope.SnapshotVars();
                AnalyzeCommand(function.Body, Join(via, "function " + function.Name), Flow.None);
                _scope.Restore(vars);
                _scope.Cwd = cwd;
                return Flow.None;
            default:
                return Flow.Unknown;
        }
    }

    private void AnalyzeCompound(CompoundNode node, string via)
    {
        var start = _commands.Count;
        var cwd = _scope.Cwd;
        var vars = _scope.SnapshotVars();
        var pending = new List<PendingScript>();
        var flags = default(ExpandFlags);
        var fields = new List<string>();
        foreach (var word in node.Words)
        {
            ExpandWord(word, fields, pending, ref flags);
        }

        foreach (var script in node.Scripts)
        {
            pending.Add(new PendingScript(script, "$(…)"));
        }

        RunPending(pending, via);
        if (node.Variable is not null)
        {
            _scope.Vars[node.Variable] = null;
        }

        foreach (var body in node.Bodies)
        {
            AnalyzeScript(body, via);
        }

        if (node.Kind == CompoundKind.Subshell)
        {
            _scope.Restore(vars);
            _scope.Cwd = cwd;
        }
        else if (node.Kind != CompoundKind.Group)
        {
            _scope.ForgetChangedSince(vars);
        }

        if (node.Redirects.Count == 0)
        {
            return;
        }

        // A compound's redirections apply to every command inside it.
        var end = _commands.Count;
        if (end == start)
        {
            var holder = NewCommand(via);
            ApplyRedirects(node.Redirects, holder, pending);
        }
        else
        {
            for (var i = start; i < end; i++)
            {
                ApplyRedirects(node.Redirects, _commands[i], pending);
            }
        }

        RunPending(pending, via);
    }

    /// <summary>Analyses nested scripts ($(…), &lt;(…)) as subshells: their cd and assignments do not leak.</summary>
    private void RunPending(List<PendingScript> pending, string via)
    {
        if (pending.Count == 0)
        {
            return;
        }

        var items = pending.ToArray();
        pending.Clear();
        foreach (var item in items)
        {
            var cwd = _scope.Cwd;
            var vars = _scope.SnapshotVars();
            AnalyzeScript(item.Script, Join(via, item.Label));
            _scope.Restore(vars);
            _scope.Cwd = cwd;
        }
    }

    /// <summary>Parses and analyses nested shell text (bash -c, eval, here-documents fed to a shell).</summary>
    private void AnalyzeText(string text, string via, bool freshVariables)
    {
        _level++;
        AnalysisBudget.CheckDepth(_level);
        var script = Parser.Parse(text, _budget, _level);
        var outer = _scope;
        if (freshVariables)
        {
            _scope = new Scope(outer.Cwd);
        }

        try
        {
            AnalyzeScript(script, via);
        }
        finally
        {
            if (freshVariables)
            {
                _scope = outer;
            }

            _level--;
        }
    }
}
