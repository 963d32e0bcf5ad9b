using System.Text;
using FsCheck;
using Mandate.Agents.Hooks;
using Mandate.Core.Errors;
using static Mandate.Agents.Tests.Hooks.Payloads;

namespace Mandate.Agents.Tests.Hooks;

public sealed class HookParserFailureTests
{
    private static MandateError Fails(HookDialect dialect, byte[] input)
    {
        var outcome = HookParser.Parse(dialect, input, Fallback);
        Assert.False(outcome.IsSuccess);
        Assert.StartsWith("MDT50", outcome.Error.Code, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Error.Message));
        Assert.False(string.IsNullOrWhiteSpace(outcome.Error.Fix));
        return outcome.Error;
    }

    private static MandateError Fails(HookDialect dialect, string json) => Fails(dialect, Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("{\"hook_event_name\": \"PreToolUse\", \"tool_name\": ")]
    [InlineData("{\"hook_event_name\": \"PreToolUse\",}")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{} {}")]
    [InlineData("{\"a\":1 // comment\n}")]
    public void MalformedOrTruncatedJson_IsMdt5002(string json) =>
        Assert.Equal(ErrorCodes.HookInputMalformed, Fails(HookDialect.ClaudeCode, json).Code);

    [Fact]
    public void TruncatedRealPayload_IsMdt5002()
    {
        var full = Claude("Bash", """{"command":"ls"}""");
        for (var cut = 1; cut < full.Length - 1; cut += 7)
        {
            var outcome = HookParser.Parse(HookDialect.ClaudeCode, Encoding.UTF8.GetBytes(full[..cut]), Fallback);
            Assert.False(outcome.IsSuccess, full[..cut]);
        }
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""[{"hook_event_name":"PreToolUse"}]""")]
    [InlineData("\"PreToolUse\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void NotAnObject_IsMdt5003(string json) =>
        Assert.Equal(ErrorCodes.HookInputNotObject, Fails(HookDialect.ClaudeCode, json).Code);

    [Fact]
    public void TwoMebibytes_IsMdt5001()
    {
        var padding = new string('a', 2 * 1024 * 1024);
        var error = Fails(HookDialect.ClaudeCode, Claude("Bash", $$"""{"command":"{{padding}}"}"""));
        Assert.Equal(ErrorCodes.HookInputTooLarge, error.Code);
    }

    [Fact]
    public void JustUnderTheLimit_IsRead()
    {
        var json = Claude("Bash", """{"command":"ls","pad":"PAD"}""");
        var padding = new string('a', HookParser.MaxInputBytes - Encoding.UTF8.GetByteCount(json) + 3);
        var outcome = HookParser.Parse(HookDialect.ClaudeCode, Encoding.UTF8.GetBytes(json.Replace("PAD", padding, StringComparison.Ordinal)), Fallback);
        Assert.True(outcome.IsSuccess, outcome.Error?.ToString());
    }

    [Theory]
    [InlineData(100)]
    [InlineData(65)]
    [InlineData(10_000)]
    public void DeepNesting_IsMdt5002(int depth)
    {
        var nested = new string('[', depth) + new string(']', depth);
        var error = Fails(HookDialect.ClaudeCode, Claude("Bash", "{\"command\":\"ls\",\"x\":" + nested + "}"));
        Assert.Equal(ErrorCodes.HookInputMalformed, error.Code);
        Assert.Contains("nested deeper than 64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NestingOf64_IsRead()
    {
        // The root object is level 1, tool_input level 2: 62 more levels make 64.
        var nested = new string('[', 62) + new string(']', 62);
        Assert.True(HookParser.Parse(HookDialect.ClaudeCode, Encoding.UTF8.GetBytes(Claude("Bash", "{\"command\":\"ls\",\"x\":" + nested + "}")), Fallback).IsSuccess);
    }

    [Fact]
    public void NonUtf8Bytes_AreMdt5002()
    {
        var bytes = Encoding.UTF8.GetBytes(Claude("Bash", """{"command":"ls XX"}"""));
        var at = Array.IndexOf(bytes, (byte)'X');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;
        var error = Fails(HookDialect.ClaudeCode, bytes);
        Assert.Equal(ErrorCodes.HookInputMalformed, error.Code);
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnpairedEscapedSurrogate_IsAFailureNotAnException() =>
        Assert.StartsWith("MDT50", Fails(HookDialect.ClaudeCode, Claude("Bash", """{"command":"ls \ud800"}""")).Code, StringComparison.Ordinal);

    [Fact]
    public void DuplicateMember_IsRefused_SoItCannotBeReadTwoWays() =>
        Assert.Equal(ErrorCodes.HookInputMalformed, Fails(HookDialect.ClaudeCode,
            """{"hook_event_name":"PreToolUse","tool_name":"Read","tool_input":{"command":"ls"},"tool_name":"Bash"}""").Code);

    [Theory]
    [InlineData("""{"session_id":"s","cwd":"/repo","tool_name":"Bash","tool_input":{"command":"ls"}}""")]
    [InlineData("""{"session_id":"s","hook_event_name":"","tool_name":"Bash"}""")]
    [InlineData("""{"session_id":"s","hook_event_name":null,"tool_name":"Bash"}""")]
    public void MissingEventName_IsMdt5004(string json) =>
        Assert.Equal(ErrorCodes.HookEventMissing, Fails(HookDialect.ClaudeCode, json).Code);

    [Theory]
    [InlineData(HookDialect.ClaudeCode, "preToolUse")]
    [InlineData(HookDialect.ClaudeCode, "BeforeTool")]
    [InlineData(HookDialect.Gemini, "PreToolUse")]
    [InlineData(HookDialect.Cursor, "PreToolUse")]
    [InlineData(HookDialect.Codex, "beforeShellExecution")]
    [InlineData(HookDialect.ClaudeCode, "SomethingNew")]
    public void UnknownEvent_IsMdt5005(HookDialect dialect, string eventName)
    {
        var error = Fails(dialect, $$$"""{"session_id":"s","hook_event_name":"{{{eventName}}}","tool_name":"Bash","tool_input":{"command":"ls"}}""");
        Assert.Equal(ErrorCodes.HookEventUnknown, error.Code);
        Assert.Contains(eventName, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HookDialect.ClaudeCode, """{"hook_event_name":"PreToolUse","tool_input":{"command":"ls"}}""")]
    [InlineData(HookDialect.ClaudeCode, """{"hook_event_name":"PostToolUse","tool_name":""}""")]
    [InlineData(HookDialect.Gemini, """{"hook_event_name":"BeforeTool","tool_input":{}}""")]
    [InlineData(HookDialect.Cursor, """{"hook_event_name":"preToolUse","tool_input":{}}""")]
    [InlineData(HookDialect.Cursor, """{"hook_event_name":"beforeMCPExecution","tool_input":{}}""")]
    [InlineData(HookDialect.Copilot, """{"hookEventName":"preToolUse","toolArgs":{}}""")]
    public void MissingToolName_IsMdt5006(HookDialect dialect, string json) =>
        Assert.Equal(ErrorCodes.HookToolMissing, Fails(dialect, json).Code);

    [Theory]
    [InlineData("""{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":"ls"}""", "tool_input must be an object")]
    [InlineData("""{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":["ls"]}""", "tool_input must be an object")]
    [InlineData("""{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":7}""", "tool_input must be an object")]
    [InlineData("""{"hook_event_name":"PreToolUse","tool_name":42,"tool_input":{}}""", "tool_name must be a string")]
    [InlineData("""{"hook_event_name":true}""", "hook_event_name must be a string")]
    [InlineData("""{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":["ls",1]}}""", "command must be an array of strings")]
    [InlineData("""{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":{"x":1}}}""", "command must be a string")]
    [InlineData("""{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{}}""", "has no tool_input.command")]
    [InlineData("""{"hook_event_name":"PreToolUse","tool_name":"Read","tool_input":{"file_path":5}}""", "file_path must be a string")]
    [InlineData("""{"hook_event_name":"PreToolUse","tool_name":"Write","tool_input":{"content":"x"}}""", "names no file")]
    [InlineData("""{"hook_event_name":"PreToolUse","tool_name":"MultiEdit","tool_input":{"file_path":"a","edits":"x"}}""", "edits must be an array")]
    [InlineData("""{"hook_event_name":"PreToolUse","cwd":3,"tool_name":"Bash","tool_input":{"command":"ls"}}""", "cwd must be a string")]
    [InlineData("""{"hook_event_name":"PreToolUse","session_id":{},"tool_name":"Bash","tool_input":{"command":"ls"}}""", "session_id must be a string")]
    [InlineData("""{"hook_event_name":"PreToolUse","tool_name":"Read","tool_input":{"file_path":"a\u0000b"}}""", "NUL")]
    public void WrongTypes_AreMdt5007_AndSayWhatWasWrong(string json, string says)
    {
        var error = Fails(HookDialect.ClaudeCode, json);
        Assert.Equal(ErrorCodes.HookFieldInvalid, error.Code);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryProblem_IsListed()
    {
        var error = Fails(HookDialect.ClaudeCode, """{"hook_event_name":"PreToolUse","cwd":1,"session_id":2,"tool_name":"Bash","tool_input":{"command":3}}""");
        Assert.Contains("cwd must be a string", error.Message, StringComparison.Ordinal);
        Assert.Contains("session_id must be a string", error.Message, StringComparison.Ordinal);
        Assert.Contains("command must be a string", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HookDialect.Cursor, """{"hook_event_name":"beforeMCPExecution","tool_name":"a:b","tool_input":"{not json"}""")]
    [InlineData(HookDialect.Cursor, """{"hook_event_name":"beforeMCPExecution","tool_name":"a:b","tool_input":"[1,2]"}""")]
    [InlineData(HookDialect.Copilot, """{"cwd":"/r","toolName":"bash","toolArgs":"{\"command\":"}""")]
    [InlineData(HookDialect.Copilot, """{"cwd":"/r","toolName":"bash","toolArgs":5}""")]
    [InlineData(HookDialect.Cursor, """{"hook_event_name":"beforeShellExecution","cwd":"/r"}""")]
    [InlineData(HookDialect.Cursor, """{"hook_event_name":"beforeReadFile","workspace_roots":"/r"}""")]
    [InlineData(HookDialect.Gemini, """{"hook_event_name":"BeforeTool","tool_name":"mcp_a_b","tool_input":{},"mcp_context":"x"}""")]
    [InlineData(HookDialect.Gemini, """{"hook_event_name":"BeforeTool","tool_name":"read_many_files","tool_input":{"paths":[1]}}""")]
    public void DialectSpecificWrongShapes_AreMdt5007(HookDialect dialect, string json) =>
        Assert.Equal(ErrorCodes.HookFieldInvalid, Fails(dialect, json).Code);

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public void ArbitraryBytes_NeverThrow(byte[] bytes, int dialect)
    {
        var d = HookDialects.All[Math.Abs(dialect % HookDialects.All.Count)];
        var outcome = HookParser.Parse(d, bytes, Fallback);
        Assert.True(outcome.IsSuccess || outcome.Error.Code.StartsWith("MDT50", StringComparison.Ordinal));
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public void MutatedRealPayloads_NeverThrow(NonNegativeInt at, byte value, int dialect)
    {
        var d = HookDialects.All[Math.Abs(dialect % HookDialects.All.Count)];
        var bytes = Encoding.UTF8.GetBytes(Claude("MultiEdit", """{"file_path":"a","edits":[{"new_string":"x"}]}"""));
        bytes[at.Get % bytes.Length] = value;
        var outcome = HookParser.Parse(d, bytes, Fallback);
        Assert.True(outcome.IsSuccess || outcome.Error.Code.StartsWith("MDT50", StringComparison.Ordinal));
    }
}
