using System.Text;
using Mandate.Agents.Decisions;
using Mandate.Agents.Hooks;
using Mandate.Core.Mandates;

namespace Mandate.Agents.Tests.Decisions;

/// <summary>
/// Issue 6: the labelled corpus of tool calls across the five agent dialects. Every case is its own test:
/// a missed deny fails, and so does a false deny of everyday development.
/// </summary>
public sealed class CorpusTests
{
    private static readonly Lazy<PolicyBundle> Bundle = new(() => PolicyBundle.Load(null, null).Value);

    public static IEnumerable<TheoryDataRow<string>> Cases() => CorpusCase.All.Keys.Select(id => new TheoryDataRow<string>(id));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Corpus_Case_GetsItsLabelledVerdict(string id)
    {
        var c = CorpusCase.All[id];
        var (verdict, reason) = Decide(c);
        Assert.True(verdict == c.Expect, $"{id} ({c.Category}, profile {c.Profile}): expected {c.Expect}, got {verdict}: {reason}");
    }

    [Fact]
    public void Corpus_HasAtLeast300Cases_AcrossFiveDialects_AndDenyRecallIsComplete()
    {
        var results = CorpusCase.All.Values.Select(c => (Case: c, Got: Decide(c).Verdict)).ToList();
        var truePositives = results.Count(r => r.Case.Expect == "deny" && r.Got == "deny");
        var falseNegatives = results.Count(r => r.Case.Expect == "deny" && r.Got != "deny");
        var falsePositives = results.Count(r => r.Case.Expect != "deny" && r.Got == "deny");
        var precision = truePositives / (double)Math.Max(1, truePositives + falsePositives);
        var recall = truePositives / (double)Math.Max(1, truePositives + falseNegatives);
        TestContext.Current.SendDiagnosticMessage($"deny precision {precision:P2}, recall {recall:P2} over {results.Count} cases");

        Assert.True(results.Count >= 300, $"only {results.Count} cases");
        Assert.Equal(5, results.Select(r => r.Case.Agent).Distinct().Count());
        Assert.Equal(0, falseNegatives);
        Assert.Equal(0, results.Count(r => r.Case.Category == "everyday" && r.Got == "deny"));
    }

    internal static (string Verdict, string Reason) Decide(CorpusCase c)
    {
        Assert.True(HookDialects.TryParse(c.Agent, out var dialect), $"unknown agent {c.Agent}");
        var parsed = HookParser.Parse(dialect, Encoding.UTF8.GetBytes(c.Input), CorpusCase.Project);
        if (!parsed.IsSuccess)
        {
            return ("deny", $"unparsed: {parsed.Error.Code} {parsed.Error.Message}");
        }

        var e = parsed.Value;
        Assert.NotNull(e.Tool);
        var context = new ToolContext
        {
            Principal = $"spiffe://acme.dev/agent/{c.Agent}/acme-api",
            AgentType = e.AgentType ?? c.Agent,
            Dialect = c.Agent,
            Subagent = e.AgentType is not null,
            Project = CorpusCase.Project,
            Cwd = e.Cwd,
            Home = CorpusCase.Home,
            MandateHome = CorpusCase.Home + "/.mandate",
            SessionId = e.SessionId,
            ToolName = e.Tool.Name,
        };
        var decision = DecisionEngine.Decide(RequestBuilder.Build(e.Tool, context), Profile(c.Profile), context, Bundle.Value);
        return (Verdicts.Name(decision.Verdict), decision.Reason);
    }

    private static DecisionProfile Profile(string name) => name == "none"
        ? DecisionProfile.None
        : new DecisionProfile { HasMandate = true, Scope = TaskScope.Value, Ask = Scope.Empty, Jti = "mdt_corpus", Human = "jane@acme.dev", TaskId = "tsk_corpus" };

    private static readonly Lazy<Scope> TaskScope = new(() =>
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Corpus", "PROFILES.md"));
        var start = text.IndexOf("```\nfs:read:", StringComparison.Ordinal) + 4;
        var end = text.IndexOf("```", start, StringComparison.Ordinal);
        var scope = text[start..end].Replace('\n', ' ').Replace("$PROJECT", CorpusCase.Project, StringComparison.Ordinal);
        var parsed = Scope.Parse(scope);
        Assert.True(parsed.IsSuccess, parsed.IsSuccess ? "" : parsed.Error.Message);
        return parsed.Value;
    });
}
