using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mandate.Cedar.Tests.Differential;

/// <summary>
/// The reference implementation, @cedar-policy/cedar-wasm, behind tests/interop/cedar-diff.mjs: one Node process
/// answering a batch of scenarios per JSON line. Fails (not skips) when node or node_modules is missing: CI runs
/// 'npm ci' in tests/interop first.
/// </summary>
internal sealed class CedarWasmOracle : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private CedarWasmOracle(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
    }

    public static CedarWasmOracle Start()
    {
        var interop = InteropDirectory();
        var package = Path.Combine(interop, "node_modules", "@cedar-policy", "cedar-wasm");
        Assert.True(Directory.Exists(package), $"@cedar-policy/cedar-wasm is not installed: run 'npm ci' in {interop}");
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = interop,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = utf8,
            StandardOutputEncoding = utf8,
            StandardErrorEncoding = utf8,
        };
        start.ArgumentList.Add("cedar-diff.mjs");
        try
        {
            return new CedarWasmOracle(Process.Start(start)!);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"node is not on PATH ({e.Message}); install Node.js 20 or later to run the Cedar differential tests.");
            throw;
        }
    }

    /// <summary>Answers for each scenario, one per request (a scenario whose policies do not parse is refused whole).</summary>
    public IReadOnlyList<IReadOnlyList<Answer>> Ask(IReadOnlyList<Scenario> scenarios)
    {
        var line = new StringBuilder("[");
        for (var i = 0; i < scenarios.Count; i++)
        {
            var s = scenarios[i];
            line.Append(i == 0 ? "" : ",")
                .Append("{\"policies\":").Append(JsonValue.Create(s.StaticPolicies).ToJsonString())
                .Append(",\"templates\":").Append(Templates(s))
                .Append(",\"templateLinks\":").Append(Links(s))
                .Append(",\"entities\":").Append(OneLine(s.EntitiesJson))
                .Append(",\"requests\":[").AppendJoin(',', s.Requests.Select(OneLine)).Append("]}");
        }

        var reply = Exchange(line.Append(']').ToString());
        using var document = JsonDocument.Parse(reply);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidOperationException("cedar-diff.mjs could not read the batch: " + reply);
        }

        var answers = new List<IReadOnlyList<Answer>>();
        var k = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            var requests = scenarios[k++].Requests.Count;
            answers.Add(element.TryGetProperty("results", out var results)
                ? [.. results.EnumerateArray().Select(Answer.FromOracle)]
                : [.. Enumerable.Repeat(Answer.FromOracle(element), requests)]);
        }

        return answers;
    }

    /// <summary>
    /// For each policy (or template) text: cedar-wasm's EST of it (<c>policyToJson</c> / <c>templateToJson</c>) and,
    /// when Mandate's EST is given, the text cedar-wasm reads back from it (<c>policyToText</c> / <c>templateToText</c>).
    /// </summary>
    public IReadOnlyList<EstAnswer> AskEst(IReadOnlyList<(string Text, bool Template, string? MandateJson)> policies)
    {
        var line = new StringBuilder("{\"est\":[");
        for (var i = 0; i < policies.Count; i++)
        {
            var (text, template, mandate) = policies[i];
            line.Append(i == 0 ? "" : ",")
                .Append("{\"text\":").Append(JsonValue.Create(text).ToJsonString())
                .Append(",\"template\":").Append(template ? "true" : "false")
                .Append(",\"mandate\":").Append(mandate is null ? "null" : OneLine(mandate)).Append('}');
        }

        var reply = Exchange(line.Append("]}").ToString());
        using var document = JsonDocument.Parse(reply);
        if (!document.RootElement.TryGetProperty("est", out var answers))
        {
            throw new InvalidOperationException("cedar-diff.mjs could not read the EST batch: " + reply);
        }

        return [.. answers.EnumerateArray().Select(EstAnswer.FromOracle)];
    }

    private static string Templates(Scenario s)
    {
        var templates = new JsonObject();
        for (var i = 0; i < s.TemplateTexts.Count; i++)
        {
            templates[s.TemplateId(i)] = s.TemplateTexts[i];
        }

        return templates.ToJsonString();
    }

    private static string Links(Scenario s)
    {
        var links = new JsonArray();
        foreach (var link in s.TemplateLinks)
        {
            var values = new JsonObject();
            if (link.Principal is { } principal)
            {
                values["?principal"] = new JsonObject { ["type"] = principal.Type, ["id"] = principal.Id };
            }

            if (link.Resource is { } resource)
            {
                values["?resource"] = new JsonObject { ["type"] = resource.Type, ["id"] = resource.Id };
            }

            links.Add(new JsonObject { ["templateId"] = link.TemplateId, ["newId"] = link.NewId, ["values"] = values });
        }

        return links.ToJsonString();
    }

    /// <summary>The protocol is one JSON document per line.</summary>
    private static string OneLine(string json) => json.Contains('\n', StringComparison.Ordinal) ? JsonNode.Parse(json)!.ToJsonString() : json;

    private string Exchange(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
        var reply = _process.StandardOutput.ReadLine();
        if (reply is null)
        {
            _process.WaitForExit(5000);
            lock (_stderr)
            {
                throw new InvalidOperationException("cedar-diff.mjs ended without answering: " + _stderr);
            }
        }

        return reply;
    }

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(5000))
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private static string InteropDirectory([CallerFilePath] string here = "")
    {
        var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here) ?? "", "..", "..", "interop"));
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); !File.Exists(Path.Combine(path, "cedar-diff.mjs")) && dir is not null; dir = dir.Parent)
        {
            path = Path.Combine(dir.FullName, "tests", "interop");
        }

        return path;
    }
}
