using System.Text.Json.Nodes;
using Mandate.Agents.Hooks;
using Mandate.Agents.Install;
using Mandate.Core.Errors;

namespace Mandate.Agents.Tests.Install;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class InstallerTests : IDisposable
{
    private const string Binary = "/opt/mandate/bin/mandate";
    private readonly TempDirectory _temp = new();
    private readonly InstallPaths _paths;

    public InstallerTests() =>
        _paths = new InstallPaths(Path.Combine(_temp.Path, "repo"), Path.Combine(_temp.Path, "home"), Path.Combine(_temp.Path, "root"));

    public void Dispose() => _temp.Dispose();

    public static TheoryData<HookDialect, InstallScope> Installable()
    {
        var data = new TheoryData<HookDialect, InstallScope>();
        foreach (var agent in HookDialects.All)
        {
            foreach (var scope in InstallPaths.Scopes)
            {
                if (agent != HookDialect.Codex || scope != InstallScope.Managed)
                {
                    data.Add(agent, scope);
                }
            }
        }

        return data;
    }

    private InstallTarget Target(HookDialect agent, InstallScope scope = InstallScope.Project) => _paths.Target(agent, scope);

    private static JsonObject Load(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    private static InstallResult Ok(Outcome<InstallResult> outcome)
    {
        Assert.True(outcome.IsSuccess, outcome.Error?.ToString());
        return outcome.Value;
    }

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public void FreshInstall_ClaudeCode_RegistersEveryEvent()
    {
        var target = Target(HookDialect.ClaudeCode);
        var result = Ok(Installer.Install(target, Binary));

        Assert.True(result.Changed);
        Assert.True(result.FileCreated);
        Assert.Null(result.BackupPath);
        var hooks = Load(target.ConfigPath)["hooks"]!.AsObject();
        Assert.Equal(
            ["PreToolUse", "PostToolUse", "PostToolUseFailure", "SessionStart", "SessionEnd", "SubagentStart", "SubagentStop", "UserPromptSubmit"],
            hooks.Select(p => p.Key));
        var pre = hooks["PreToolUse"]![0]!;
        Assert.Equal("*", pre["matcher"]!.GetValue<string>());
        Assert.Equal("command", pre["hooks"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("/opt/mandate/bin/mandate hook claude-code", pre["hooks"]![0]!["command"]!.GetValue<string>());
        Assert.Equal(30, pre["hooks"]![0]!["timeout"]!.GetValue<int>());
        Assert.Null(hooks["SessionStart"]![0]!["matcher"]);
        Assert.False(File.Exists(target.ConfigPath + ".mandate-backup"));
    }

    [Fact]
    public void HookBinaryBesideMandate_IsRegistered_AndReplacesAnEarlierMandateHookEntry()
    {
        var bin = Path.Combine(_temp.Path, "bin");
        Directory.CreateDirectory(bin);
        var mandate = Path.Combine(bin, "mandate");
        var target = Target(HookDialect.ClaudeCode);
        Ok(Installer.Install(target, mandate)); // no mandate-hook yet: 'mandate hook claude-code'
        Assert.Equal(mandate + " hook claude-code", Load(target.ConfigPath)["hooks"]!["PreToolUse"]![0]!["hooks"]![0]!["command"]!.GetValue<string>());

        File.WriteAllText(Path.Combine(bin, "mandate-hook"), "");
        Ok(Installer.Install(target, mandate));

        var hooks = Load(target.ConfigPath)["hooks"]!.AsObject();
        foreach (var (name, entries) in hooks)
        {
            var commands = entries!.AsArray().SelectMany(e => e!["hooks"]!.AsArray()).Select(h => h!["command"]!.GetValue<string>()).ToList();
            Assert.Equal([Path.Combine(bin, "mandate-hook") + " claude-code"], commands);
        }

        Assert.True(Installer.Status(target).Installed);
        Ok(Installer.Uninstall(target));
        Assert.False(File.Exists(target.ConfigPath), File.Exists(target.ConfigPath) ? File.ReadAllText(target.ConfigPath) : "");
    }

    [Fact]
    public void FreshInstall_Cursor_FailsClosed()
    {
        var target = Target(HookDialect.Cursor, InstallScope.User);
        Ok(Installer.Install(target, Binary));

        var root = Load(target.ConfigPath);
        Assert.Equal(1, root["version"]!.GetValue<int>());
        var hooks = root["hooks"]!.AsObject();
        Assert.Equal(["preToolUse", "beforeShellExecution", "beforeMCPExecution", "beforeReadFile", "afterFileEdit"], hooks.Select(p => p.Key));
        var entry = hooks["beforeShellExecution"]![0]!;
        Assert.Equal("/opt/mandate/bin/mandate hook cursor", entry["command"]!.GetValue<string>());
        Assert.True(entry["failClosed"]!.GetValue<bool>());
        Assert.Equal(30, entry["timeout"]!.GetValue<int>());
    }

    [Fact]
    public void FreshInstall_Gemini_TimeoutInMilliseconds()
    {
        var target = Target(HookDialect.Gemini);
        Ok(Installer.Install(target, Binary));

        var hooks = Load(target.ConfigPath)["hooks"]!.AsObject();
        Assert.Equal(["BeforeTool", "AfterTool", "SessionStart", "SessionEnd"], hooks.Select(p => p.Key));
        Assert.Equal(".*", hooks["BeforeTool"]![0]!["matcher"]!.GetValue<string>());
        var entry = hooks["BeforeTool"]![0]!["hooks"]![0]!;
        Assert.Equal(30_000, entry["timeout"]!.GetValue<int>());
        Assert.Equal("/opt/mandate/bin/mandate hook gemini", entry["command"]!.GetValue<string>());
    }

    [Fact]
    public void FreshInstall_Copilot()
    {
        var target = Target(HookDialect.Copilot);
        Ok(Installer.Install(target, Binary));

        var root = Load(target.ConfigPath);
        Assert.Equal(1, root["version"]!.GetValue<int>());
        var hooks = root["hooks"]!.AsObject();
        Assert.Equal(["preToolUse", "postToolUse", "sessionStart", "sessionEnd"], hooks.Select(p => p.Key));
        var entry = hooks["preToolUse"]![0]!;
        Assert.Equal("command", entry["type"]!.GetValue<string>());
        Assert.Equal("/opt/mandate/bin/mandate hook copilot", entry["bash"]!.GetValue<string>());
        Assert.Equal(30, entry["timeoutSec"]!.GetValue<int>());
    }

    [Fact]
    public void FreshInstall_Codex()
    {
        var target = Target(HookDialect.Codex, InstallScope.User);
        Ok(Installer.Install(target, Binary));

        var hooks = Load(target.ConfigPath)["hooks"]!.AsObject();
        Assert.Equal(["PreToolUse", "PostToolUse", "SessionStart"], hooks.Select(p => p.Key));
        Assert.Equal("/opt/mandate/bin/mandate hook codex", hooks["PreToolUse"]![0]!["hooks"]![0]!["command"]!.GetValue<string>());
    }

    [Fact]
    public void ManagedClaudeCode_AllowsManagedHooksOnly_UnderTheTempRoot()
    {
        var target = Target(HookDialect.ClaudeCode, InstallScope.Managed);
        Assert.StartsWith(_temp.Path, target.ConfigPath, StringComparison.Ordinal);
        Ok(Installer.Install(target, Binary));

        Assert.True(Load(target.ConfigPath)["allowManagedHooksOnly"]!.GetValue<bool>());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(target.ConfigPath));

        Ok(Installer.Uninstall(target));
        Assert.False(File.Exists(target.ConfigPath));
    }

    [Fact]
    public void ManagedCodex_IsRefused_WithTheSnippetInTheFix()
    {
        var target = Target(HookDialect.Codex, InstallScope.Managed);
        var outcome = Installer.Install(target, Binary);

        Assert.Equal(ErrorCodes.InstallManagedByAdministrator, outcome.Error!.Code);
        Assert.Contains("requirements.toml", outcome.Error.Message, StringComparison.Ordinal);
        Assert.Contains("[[hooks.PreToolUse.hooks]]", outcome.Error.Fix, StringComparison.Ordinal);
        Assert.Contains("command = \"/opt/mandate/bin/mandate hook codex\"", outcome.Error.Fix, StringComparison.Ordinal);
        Assert.False(File.Exists(target.ConfigPath));
        Assert.Equal(ErrorCodes.InstallManagedByAdministrator, Installer.Uninstall(target).Error!.Code);
    }

    [Fact]
    public void ManagedCodex_StatusReadsRequirementsToml()
    {
        var target = Target(HookDialect.Codex, InstallScope.Managed);
        Write(target.ConfigPath, "[[hooks.PreToolUse]]\nmatcher = \"*\"\n[[hooks.PreToolUse.hooks]]\ntype = \"command\"\ncommand = \"/usr/bin/mandate hook codex\"\ntimeout = 30\n");
        var status = Installer.Status(target);
        Assert.Equal(["PreToolUse"], status.Events);
        Assert.Equal("/usr/bin/mandate", status.Binary);
    }

    private const string ExistingClaude = """
        {
          "model": "opus",
          "permissions": { "deny": ["Read(./.env)"], "allow": ["Bash(git status)"] },
          "hooks": {
            "PreToolUse": [
              { "matcher": "Bash", "hooks": [ { "type": "command", "command": "/usr/local/bin/lint-guard", "timeout": 5 } ] }
            ],
            "Stop": [ { "hooks": [ { "type": "command", "command": "say done" } ] } ]
          },
          "env": { "FOO": "bar<+>é" }
        }
        """;

    [Fact]
    public void InstallIntoExistingSettings_KeepsEverythingElse_AndUninstallRestoresIt()
    {
        var target = Target(HookDialect.ClaudeCode, InstallScope.User);
        Write(target.ConfigPath, ExistingClaude);
        var original = JsonNode.Parse(ExistingClaude);

        var result = Ok(Installer.Install(target, Binary));
        Assert.True(result.Changed);
        Assert.False(result.FileCreated);
        Assert.Equal(target.ConfigPath + ".mandate-backup", result.BackupPath);
        Assert.Equal(ExistingClaude, File.ReadAllText(result.BackupPath!));

        var root = Load(target.ConfigPath);
        Assert.Equal(["model", "permissions", "hooks", "env"], root.Select(p => p.Key));
        Assert.True(JsonNode.DeepEquals(original!["permissions"], root["permissions"]));
        Assert.True(JsonNode.DeepEquals(original["env"], root["env"]));
        Assert.Contains("bar<+>é", File.ReadAllText(target.ConfigPath), StringComparison.Ordinal);
        var pre = root["hooks"]!["PreToolUse"]!.AsArray();
        Assert.Equal(2, pre.Count);
        Assert.True(JsonNode.DeepEquals(original["hooks"]!["PreToolUse"]![0], pre[0]));
        Assert.True(JsonNode.DeepEquals(original["hooks"]!["Stop"], root["hooks"]!["Stop"]));

        var removed = Ok(Installer.Uninstall(target));
        Assert.True(removed.Changed);
        Assert.False(removed.FileDeleted);
        Assert.True(JsonNode.DeepEquals(original, Load(target.ConfigPath)), File.ReadAllText(target.ConfigPath));
        Assert.False(File.Exists(target.ConfigPath + ".mandate-backup"));
    }

    [Theory]
    [MemberData(nameof(Installable))]
    public void SecondInstall_ChangesNothing(HookDialect agent, InstallScope scope)
    {
        var target = Target(agent, scope);
        Ok(Installer.Install(target, Binary));
        var first = File.ReadAllBytes(target.ConfigPath);
        var stamp = File.GetLastWriteTimeUtc(target.ConfigPath);

        var again = Ok(Installer.Install(target, Binary));

        Assert.False(again.Changed);
        Assert.Equal(first, File.ReadAllBytes(target.ConfigPath));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(target.ConfigPath));
    }

    [Theory]
    [MemberData(nameof(Installable))]
    public void FreshInstallThenUninstall_LeavesNoFile(HookDialect agent, InstallScope scope)
    {
        var target = Target(agent, scope);
        Ok(Installer.Install(target, Binary));
        Assert.True(Installer.Status(target).Complete);

        var result = Ok(Installer.Uninstall(target));

        Assert.True(result.FileDeleted);
        Assert.False(File.Exists(target.ConfigPath));
        Assert.False(Installer.Status(target).Installed);
    }

    [Theory]
    [MemberData(nameof(Installable))]
    public void InstallWithAnotherBinary_ReplacesTheEntry(HookDialect agent, InstallScope scope)
    {
        var target = Target(agent, scope);
        Ok(Installer.Install(target, Binary));
        Ok(Installer.Install(target, "/usr/local/bin/mandate"));

        var text = File.ReadAllText(target.ConfigPath);
        Assert.DoesNotContain("/opt/mandate/bin/mandate", text, StringComparison.Ordinal);
        var status = Installer.Status(target);
        Assert.Equal("/usr/local/bin/mandate", status.Binary);
        Assert.True(status.Complete);
        var hooks = Load(target.ConfigPath)["hooks"]!.AsObject();
        foreach (var (_, entries) in hooks)
        {
            Assert.Single(entries!.AsArray());
        }
    }

    [Fact]
    public void BinaryPathWithSpaces_IsQuoted_AndStillRecognised()
    {
        var target = Target(HookDialect.ClaudeCode);
        Ok(Installer.Install(target, "/Applications/My Tools/mandate"));

        Assert.Contains("\\\"/Applications/My Tools/mandate\\\" hook claude-code", File.ReadAllText(target.ConfigPath), StringComparison.Ordinal);
        Assert.Equal("/Applications/My Tools/mandate", Installer.Status(target).Binary);
        Assert.False(Ok(Installer.Install(target, "/Applications/My Tools/mandate")).Changed);
    }

    [Fact]
    public void UninstallAfterTheUserAddedAHook_KeepsIt()
    {
        var target = Target(HookDialect.Cursor);
        Ok(Installer.Install(target, Binary));
        var root = Load(target.ConfigPath);
        root["hooks"]!["beforeShellExecution"]!.AsArray().Add((JsonNode)new JsonObject { ["command"] = "./audit.sh" });
        root["hooks"]!["stop"] = new JsonArray((JsonNode)new JsonObject { ["command"] = "./stop.sh" });
        root["theme"] = "dark";
        File.WriteAllText(target.ConfigPath, root.ToJsonString());

        var result = Ok(Installer.Uninstall(target));

        Assert.False(result.FileDeleted);
        var after = Load(target.ConfigPath);
        Assert.Equal("dark", after["theme"]!.GetValue<string>());
        Assert.Equal(1, after["version"]!.GetValue<int>());
        Assert.Equal(["beforeShellExecution", "stop"], after["hooks"]!.AsObject().Select(p => p.Key));
        Assert.Equal("./audit.sh", after["hooks"]!["beforeShellExecution"]![0]!["command"]!.GetValue<string>());
        Assert.DoesNotContain("hook cursor", File.ReadAllText(target.ConfigPath), StringComparison.Ordinal);
    }

    [Fact]
    public void UninstallOfANestedLayout_KeepsTheUsersHookInMandatesGroup()
    {
        var target = Target(HookDialect.ClaudeCode);
        Ok(Installer.Install(target, Binary));
        var root = Load(target.ConfigPath);
        root["hooks"]!["PreToolUse"]![0]!["hooks"]!.AsArray().Add((JsonNode)new JsonObject { ["type"] = "command", ["command"] = "mine" });
        File.WriteAllText(target.ConfigPath, root.ToJsonString());

        Ok(Installer.Uninstall(target));

        var after = Load(target.ConfigPath);
        var pre = after["hooks"]!["PreToolUse"]!.AsArray();
        Assert.Single(pre);
        Assert.Equal("mine", pre[0]!["hooks"]![0]!["command"]!.GetValue<string>());
        Assert.Equal(["PreToolUse"], after["hooks"]!.AsObject().Select(p => p.Key));
    }

    [Theory]
    [InlineData("{ \"hooks\": { \"PreToolUse\": [ }")]
    [InlineData("{ // comment\n \"a\": 1 }")]
    [InlineData("[1, 2]")]
    [InlineData("")]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"hooks\": []}")]
    [InlineData("{\"hooks\": {\"PreToolUse\": {}}}")]
    public void InvalidExistingFile_IsRefused_AndLeftUntouched(string text)
    {
        var target = Target(HookDialect.ClaudeCode);
        Write(target.ConfigPath, text);

        var outcome = Installer.Install(target, Binary);

        Assert.Equal(ErrorCodes.InstallConfigInvalid, outcome.Error!.Code);
        Assert.Contains(target.ConfigPath, outcome.Error.Message, StringComparison.Ordinal);
        Assert.Equal(text, File.ReadAllText(target.ConfigPath));
        Assert.False(File.Exists(target.ConfigPath + ".mandate-backup"));
        Assert.DoesNotContain(Directory.GetFiles(Path.GetDirectoryName(target.ConfigPath)!), f => f != target.ConfigPath);
    }

    [Fact]
    public void InvalidExistingFile_IsRefusedByUninstall_AndStatusSaysWhy()
    {
        var target = Target(HookDialect.Gemini);
        Write(target.ConfigPath, "{ nope");
        Assert.Equal(ErrorCodes.InstallConfigInvalid, Installer.Uninstall(target).Error!.Code);
        Assert.Equal("{ nope", File.ReadAllText(target.ConfigPath));

        var status = Installer.Status(target);
        Assert.True(status.FileExists);
        Assert.False(status.Readable);
        Assert.NotNull(status.Problem);
    }

    [Fact]
    public void FileMode_IsPreserved()
    {
        var target = Target(HookDialect.Gemini, InstallScope.User);
        Write(target.ConfigPath, """{"theme":"dark"}""");
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        File.SetUnixFileMode(target.ConfigPath, mode);

        Ok(Installer.Install(target, Binary));
        Assert.Equal(mode, File.GetUnixFileMode(target.ConfigPath));

        Ok(Installer.Uninstall(target));
        Assert.Equal(mode, File.GetUnixFileMode(target.ConfigPath));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"theme":"dark"}"""), Load(target.ConfigPath)));
    }

    [Fact]
    public void ExistingEmptyContainers_SurviveUninstall()
    {
        var target = Target(HookDialect.Copilot);
        const string Original = """{"version":1,"hooks":{"preToolUse":[]},"disableAllHooks":false}""";
        Write(target.ConfigPath, Original);

        Ok(Installer.Install(target, Binary));
        Ok(Installer.Uninstall(target));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Original), Load(target.ConfigPath)), File.ReadAllText(target.ConfigPath));
    }

    [Fact]
    public void ManagedClaudeCode_KeepsAnAllowManagedHooksOnlyTheAdministratorSet()
    {
        var target = Target(HookDialect.ClaudeCode, InstallScope.Managed);
        const string Original = """{"allowManagedHooksOnly":false,"disableAllHooks":false}""";
        Write(target.ConfigPath, Original);

        Ok(Installer.Install(target, Binary));
        Assert.True(Load(target.ConfigPath)["allowManagedHooksOnly"]!.GetValue<bool>());
        Ok(Installer.Uninstall(target));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Original), Load(target.ConfigPath)));
    }

    [Fact]
    public void Uninstall_WhenNothingIsInstalled_ChangesNothing()
    {
        var target = Target(HookDialect.ClaudeCode);
        Assert.False(Ok(Installer.Uninstall(target)).Changed);

        Write(target.ConfigPath, "{}");
        var result = Ok(Installer.Uninstall(target));
        Assert.False(result.Changed);
        Assert.Equal("{}", File.ReadAllText(target.ConfigPath));
    }

    [Fact]
    public void OtherAgentsAndLookalikes_AreNotMandates()
    {
        var target = Target(HookDialect.ClaudeCode);
        Write(target.ConfigPath, """
            {"hooks":{"PreToolUse":[{"matcher":"*","hooks":[
              {"type":"command","command":"/opt/mandate/bin/mandate hook cursor"},
              {"type":"command","command":"/opt/not-mandate hook claude-code"},
              {"type":"command","command":"mandate audit claude-code"}]}]}}
            """);

        Assert.False(Installer.Status(target).Installed);
        Ok(Installer.Install(target, Binary));
        Ok(Installer.Uninstall(target));

        var pre = Load(target.ConfigPath)["hooks"]!["PreToolUse"]!.AsArray();
        Assert.Single(pre);
        Assert.Equal(3, pre[0]!["hooks"]!.AsArray().Count);
    }

    [Fact]
    public void Status_ReportsEventsAndBinary()
    {
        var target = Target(HookDialect.Copilot, InstallScope.User);
        var before = Installer.Status(target);
        Assert.False(before.FileExists);
        Assert.False(before.Installed);
        Assert.Equal(4, before.MissingEvents.Count);

        Ok(Installer.Install(target, Binary));
        var root = Load(target.ConfigPath);
        root["hooks"]!.AsObject().Remove("sessionEnd");
        File.WriteAllText(target.ConfigPath, root.ToJsonString());

        var status = Installer.Status(target);
        Assert.True(status.FileExists);
        Assert.True(status.Readable);
        Assert.True(status.Installed);
        Assert.False(status.Complete);
        Assert.Equal(["preToolUse", "postToolUse", "sessionStart"], status.Events);
        Assert.Equal(["sessionEnd"], status.MissingEvents);
        Assert.Equal(Binary, status.Binary);
        Assert.False(status.BackupExists);
    }

    [Theory]
    [InlineData("mandate")]
    [InlineData("bin/mandate")]
    [InlineData("/usr/bin/not-mandate")]
    [InlineData("/usr/bin/mandate\" ; rm -rf /")]
    [InlineData("/usr/bin/man\ndate")]
    [InlineData("")]
    public void BadBinaryPath_IsRefused(string binary)
    {
        var target = Target(HookDialect.ClaudeCode);
        Assert.Equal(ErrorCodes.InstallBinaryInvalid, Installer.Install(target, binary).Error!.Code);
        Assert.False(File.Exists(target.ConfigPath));
    }

    [Fact]
    public void UnwritableDirectory_IsAnIoError()
    {
        var target = Target(HookDialect.Cursor, InstallScope.Managed);
        var dir = Path.GetDirectoryName(target.ConfigPath)!;
        Directory.CreateDirectory(dir);
        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            if (Environment.UserName == "root")
            {
                return; // root writes anyway
            }

            Assert.Equal(ErrorCodes.InstallWriteFailed, Installer.Install(target, Binary).Error!.Code);
        }
        finally
        {
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
