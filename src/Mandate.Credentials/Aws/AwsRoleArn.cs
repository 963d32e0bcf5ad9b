using System.Text.RegularExpressions;

namespace Mandate.Credentials.Aws;

/// <summary>An IAM role ARN, <c>arn:&lt;partition&gt;:iam::&lt;12-digit account&gt;:role/&lt;path/&gt;&lt;name&gt;</c>, as STS's RoleArn takes it.</summary>
internal static partial class AwsRoleArn
{
    public const int MaxLength = 2048;

    public static bool IsValid(string? text) => text is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(text);

    [GeneratedRegex(@"\Aarn:aws[a-z-]*:iam::[0-9]{12}:role/[\w+=,.@/-]{1,512}\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Pattern();
}
