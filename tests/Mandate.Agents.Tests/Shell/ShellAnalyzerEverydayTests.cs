namespace Mandate.Agents.Tests.Shell;

using static ShellTestContext;

/// <summary>What agents run all day must come out clean: parsed, not opaque, no environment read.</summary>
public sealed class ShellAnalyzerEverydayTests
{
    [Theory]
    [InlineData("dotnet build", "dotnet")]
    [InlineData("dotnet test --no-build", "dotnet")]
    [InlineData("git status", "git")]
    [InlineData("git diff HEAD~1", "git")]
    [InlineData("git log --oneline -5", "git")]
    [InlineData("git commit -m \"fix: x\"", "git")]
    [InlineData("npm ci", "npm")]
    [InlineData("ls -la src", "ls")]
    [InlineData("grep -rn TODO src", "grep")]
    [InlineData("rg foo", "rg")]
    [InlineData("make -j4", "make")]
    [InlineData("cargo test", "cargo")]
    [InlineData("go test ./...", "go")]
    [InlineData("pytest -q", "pytest")]
    [InlineData("mkdir -p build && cp a.txt build/", "mkdir")]
    [InlineData("python3 -m pytest -q", "python3")]
    [InlineData("node --version", "node")]
    [InlineData("git add -A && git commit -m 'wip' && git push origin HEAD", "git")]
    [InlineData("cd src && dotnet test 2>&1 | tail -20", "cd")]
    [InlineData("for f in *.cs; do wc -l \"$f\"; done", "wc")]
    [InlineData("find . -name '*.cs' | xargs grep -l Foo", "find")]
    [InlineData("echo \"done: $(date +%s)\"", "echo")]
    [InlineData("sed -n '1,20p' README.md", "sed")]
    [InlineData("jq '.version' package.json", "jq")]
    public void Analyze_EverydayCommand_IsClean(string command, string firstProgram)
    {
        var a = Analyze(command);
        Assert.Null(a.Error);
        Assert.False(a.IsOpaque, a.Describe());
        Assert.DoesNotContain(a.Commands, c => c.ReadsEnvironment);
        Assert.Equal(firstProgram, a.Commands[0].Program);
        Assert.All(a.Commands, c => Assert.NotEqual("", c.Program));
    }

    [Fact]
    public void Analyze_GitCommitMessage_IsOneArgument()
    {
        Assert.Equal(["commit", "-m", "fix: x"], Analyze("git commit -m \"fix: x\"").Commands[0].Args);
    }

    [Fact]
    public void Analyze_MkdirAndCopy_WritesBuild()
    {
        var a = Analyze("mkdir -p build && cp a.txt build/");
        Assert.Equal(["/work/repo/build"], a.Command("mkdir").Writes);
        Assert.Equal(["/work/repo/a.txt"], a.Command("cp").Reads);
        Assert.Equal(["/work/repo/build"], a.Command("cp").Writes);
    }

    [Fact]
    public void Analyze_GrepRecursive_ReadsItsDirectory()
    {
        Assert.Equal(["/work/repo/src"], Analyze("grep -rn TODO src").Commands[0].Reads);
        Assert.Equal(["/work/repo"], Analyze("rg foo").Commands[0].Reads);
    }
}
