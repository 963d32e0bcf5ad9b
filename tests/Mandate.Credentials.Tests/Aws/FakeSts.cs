using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Mandate.Credentials.Tests.Aws;

/// <summary>
/// A local STS that checks requests the way AWS does: SigV4 recomputed from the received method, path, query,
/// signed headers and payload (the base key pair is the test's own, made at run time), a clock skew of at most
/// 5 minutes, the session token when the caller's credentials have one, and AssumeRole's parameter rules. It
/// answers STS's XML, or an ErrorResponse. GetCallerIdentity works with the session credentials it issued, so
/// the AWS CLI can use them through credential_process.
/// </summary>
public sealed partial class FakeSts : IDisposable
{
    public const string Account = "123456789012";
    private const string Ns = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    private readonly HttpListener _listener;
    private readonly ConcurrentDictionary<string, Session> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Call> _calls = new();
    private readonly Task _loop;
    private int _disposed;

    public FakeSts(string region = "us-east-1")
    {
        Region = region;
        BaseAccessKeyId = "AKIA" + RandomText(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
        BaseSecretAccessKey = RandomText(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+");
        _keys[BaseAccessKeyId] = new Session(BaseSecretAccessKey, null, "arn:aws:iam::" + Account + ":user/developer", DateTimeOffset.MaxValue);

        (_listener, Endpoint) = Listen();
        _loop = Task.Run(LoopAsync);
    }

    public string Region { get; }

    public Uri Endpoint { get; }

    public string BaseAccessKeyId { get; }

    public string BaseSecretAccessKey { get; }

    /// <summary>When set, the base credentials are temporary and every request must carry this x-amz-security-token.</summary>
    public string? BaseSessionToken
    {
        get => _keys[BaseAccessKeyId].Token;
        set => _keys[BaseAccessKeyId] = _keys[BaseAccessKeyId] with { Token = value };
    }

    /// <summary>Roles whose trust policy does not let the base credentials in: AssumeRole answers AccessDenied.</summary>
    public ConcurrentDictionary<string, bool> DeniedRoles { get; } = new(StringComparer.Ordinal);

    /// <summary>Every request, in order, with its parameters and the error code it got (null when it succeeded).</summary>
    public IReadOnlyList<Call> Calls => [.. _calls];

    public IEnumerable<Call> AssumeRoleCalls => Calls.Where(c => c.Action == "AssumeRole");

    /// <summary>The credentials issued, by access key id (secrets, for the test to check canaries with).</summary>
    public IReadOnlyDictionary<string, string> IssuedSecrets =>
        _keys.Where(k => k.Key.StartsWith("ASIA", StringComparison.Ordinal)).ToDictionary(k => k.Key, k => k.Value.Secret);

    public IReadOnlyList<string> IssuedTokens =>
        [.. _keys.Where(k => k.Key.StartsWith("ASIA", StringComparison.Ordinal)).Select(k => k.Value.Token!)];

    public sealed record Call(string Action, IReadOnlyDictionary<string, string> Parameters, string? Error, string? AccessKeyId);

    private sealed record Session(string Secret, string? Token, string Arn, DateTimeOffset Expires);

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                await HandleAsync(context);
            }
            catch (Exception e) when (e is HttpListenerException or IOException)
            {
                // The client went away.
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        byte[] body;
        using (var buffer = new MemoryStream())
        {
            await request.InputStream.CopyToAsync(buffer);
            body = buffer.ToArray();
        }

        var query = request.Url?.Query.TrimStart('?') ?? "";
        var parameters = ParseForm(query);
        if (request.HttpMethod == "POST")
        {
            foreach (var (k, v) in ParseForm(Encoding.UTF8.GetString(body)))
            {
                parameters[k] = v;
            }
        }

        var action = parameters.GetValueOrDefault("Action", "");
        var (status, xml, error, key) = Answer(request, body, query, parameters, action);
        _calls.Enqueue(new Call(action, parameters, error, key));

        var bytes = Encoding.UTF8.GetBytes(xml);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private (int Status, string Xml, string? Error, string? Key) Answer(HttpListenerRequest request, byte[] body, string query, Dictionary<string, string> parameters, string action)
    {
        var auth = Authenticate(request, body, query);
        if (auth.Error is { } authError)
        {
            return (403, Error("Sender", authError.Code, authError.Message), authError.Code, auth.Key);
        }

        if (parameters.GetValueOrDefault("Version") != "2011-06-15")
        {
            return (400, Error("Sender", "InvalidAction", "Version must be 2011-06-15."), "InvalidAction", auth.Key);
        }

        switch (action)
        {
            case "AssumeRole":
                if (auth.Key != BaseAccessKeyId)
                {
                    return (403, Error("Sender", "AccessDenied", "Only the base credentials may assume roles here."), "AccessDenied", auth.Key);
                }

                var problems = ValidateAssumeRole(parameters);
                if (problems.Count > 0)
                {
                    return (400, Error("Sender", "ValidationError", string.Join("; ", problems)), "ValidationError", auth.Key);
                }

                if (DeniedRoles.ContainsKey(parameters["RoleArn"]))
                {
                    return (403, Error("Sender", "AccessDenied", $"User: {_keys[BaseAccessKeyId].Arn} is not authorized to perform: sts:AssumeRole on resource: {parameters["RoleArn"]}"), "AccessDenied", auth.Key);
                }

                return (200, AssumeRole(parameters), null, auth.Key);
            case "GetCallerIdentity":
                var session = _keys[auth.Key!];
                var arn = session.Arn;
                return (200, new XDocument(
                    new XElement(XName.Get("GetCallerIdentityResponse", Ns),
                        new XElement(XName.Get("GetCallerIdentityResult", Ns),
                            new XElement(XName.Get("Arn", Ns), arn),
                            new XElement(XName.Get("UserId", Ns), "AROAFAKE:" + arn[(arn.LastIndexOf('/') + 1)..]),
                            new XElement(XName.Get("Account", Ns), Account)),
                        new XElement(XName.Get("ResponseMetadata", Ns), new XElement(XName.Get("RequestId", Ns), Guid.NewGuid().ToString())))).ToString(), null, auth.Key);
            default:
                return (400, Error("Sender", "InvalidAction", $"Could not find operation {action} for version 2011-06-15"), "InvalidAction", auth.Key);
        }
    }

    private string AssumeRole(Dictionary<string, string> p)
    {
        var duration = p.TryGetValue("DurationSeconds", out var d) ? int.Parse(d, CultureInfo.InvariantCulture) : 3600;
        var expires = TimeProvider.System.GetUtcNow().AddSeconds(duration);
        expires = new DateTimeOffset(expires.Ticks - (expires.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var keyId = "ASIA" + RandomText(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
        var secret = RandomText(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+");
        var token = "FwoGZXIvYXdzE" + RandomText(200, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+");
        var roleName = p["RoleArn"][(p["RoleArn"].LastIndexOf('/') + 1)..];
        var assumed = $"arn:aws:sts::{Account}:assumed-role/{roleName}/{p["RoleSessionName"]}";
        _keys[keyId] = new Session(secret, token, assumed, expires);

        var result = new XElement(XName.Get("AssumeRoleResult", Ns));
        if (p.TryGetValue("SourceIdentity", out var sourceIdentity))
        {
            result.Add(new XElement(XName.Get("SourceIdentity", Ns), sourceIdentity));
        }

        result.Add(
            new XElement(XName.Get("AssumedRoleUser", Ns),
                new XElement(XName.Get("Arn", Ns), assumed),
                new XElement(XName.Get("AssumedRoleId", Ns), "AROAFAKEROLEID:" + p["RoleSessionName"])),
            new XElement(XName.Get("Credentials", Ns),
                new XElement(XName.Get("AccessKeyId", Ns), keyId),
                new XElement(XName.Get("SecretAccessKey", Ns), secret),
                new XElement(XName.Get("SessionToken", Ns), token),
                new XElement(XName.Get("Expiration", Ns), expires.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))),
            new XElement(XName.Get("PackedPolicySize", Ns), "12"));
        return new XDocument(new XElement(XName.Get("AssumeRoleResponse", Ns), result,
            new XElement(XName.Get("ResponseMetadata", Ns), new XElement(XName.Get("RequestId", Ns), Guid.NewGuid().ToString())))).ToString();
    }

    /// <summary>AssumeRole's documented constraints; every problem is reported.</summary>
    internal static List<string> ValidateAssumeRole(Dictionary<string, string> p)
    {
        var problems = new List<string>();
        if (!p.TryGetValue("RoleArn", out var role) || !RoleArn().IsMatch(role))
        {
            problems.Add("RoleArn is missing or not an IAM role ARN");
        }

        if (!p.TryGetValue("RoleSessionName", out var session) || !Identifier().IsMatch(session))
        {
            problems.Add("RoleSessionName must be 2-64 characters of [\\w+=,.@-]");
        }

        if (p.TryGetValue("DurationSeconds", out var duration) &&
            (!int.TryParse(duration, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds < 900 || seconds > 43200))
        {
            problems.Add("DurationSeconds must be between 900 and 43200");
        }

        if (p.TryGetValue("SourceIdentity", out var source) && (!Identifier().IsMatch(source) || source.StartsWith("aws:", StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add("SourceIdentity must be 2-64 characters of [\\w+=,.@-]");
        }

        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var n = 1; p.TryGetValue($"Tags.member.{n}.Key", out var key); n++)
        {
            var value = p.GetValueOrDefault($"Tags.member.{n}.Value");
            if (n > 50)
            {
                problems.Add("at most 50 session tags");
            }

            if (!TagKey().IsMatch(key) || key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase) || !keys.Add(key))
            {
                problems.Add($"tag key {n} is invalid or repeated");
            }

            if (value is null || !TagValue().IsMatch(value))
            {
                problems.Add($"tag value {n} is invalid");
            }
        }

        if (p.Keys.Any(k => k.StartsWith("Tags.member.", StringComparison.Ordinal) && !Regex.IsMatch(k, @"\ATags\.member\.[1-9][0-9]*\.(Key|Value)\z")))
        {
            problems.Add("malformed Tags parameter");
        }

        if (p.TryGetValue("Policy", out var policy))
        {
            if (policy.Length is < 1 or > 2048)
            {
                problems.Add("Policy must be 1-2048 characters");
            }

            try
            {
                using var document = JsonDocument.Parse(policy);
                if (document.RootElement.ValueKind != JsonValueKind.Object ||
                    !document.RootElement.TryGetProperty("Version", out _) ||
                    !document.RootElement.TryGetProperty("Statement", out _))
                {
                    problems.Add("Policy is not an IAM policy document");
                }
            }
            catch (JsonException)
            {
                problems.Add("Policy is not valid JSON (MalformedPolicyDocument)");
            }
        }

        return problems;
    }

    private (string? Key, (string Code, string Message)? Error) Authenticate(HttpListenerRequest request, byte[] body, string query)
    {
        var authorization = request.Headers["Authorization"];
        var match = authorization is null ? null : AuthorizationHeader().Match(authorization);
        if (match is null || !match.Success)
        {
            return (null, ("MissingAuthenticationToken", "Request is missing Authentication Token"));
        }

        var key = match.Groups["key"].Value;
        var date = match.Groups["date"].Value;
        if (!_keys.TryGetValue(key, out var session))
        {
            return (key, ("InvalidClientTokenId", "The security token included in the request is invalid."));
        }

        if (session.Expires <= TimeProvider.System.GetUtcNow())
        {
            return (key, ("ExpiredToken", "The security token included in the request is expired"));
        }

        if (match.Groups["region"].Value != Region || match.Groups["service"].Value != "sts")
        {
            return (key, ("SignatureDoesNotMatch", "Credential should be scoped to a valid region and service sts."));
        }

        var amzDate = request.Headers["X-Amz-Date"];
        if (amzDate is null || !DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt) || !amzDate.StartsWith(date, StringComparison.Ordinal))
        {
            return (key, ("IncompleteSignature", "X-Amz-Date is missing or does not match the credential scope."));
        }

        if ((TimeProvider.System.GetUtcNow() - signedAt).Duration() > MaxSkew)
        {
            return (key, ("RequestExpired", "Request has expired: the signing time is more than 5 minutes from the server's."));
        }

        var signedHeaders = match.Groups["headers"].Value.Split(';');
        if (!signedHeaders.Contains("host") || !signedHeaders.Contains("x-amz-date"))
        {
            return (key, ("IncompleteSignature", "host and x-amz-date must be signed."));
        }

        var token = request.Headers["X-Amz-Security-Token"];
        if (session.Token is not null && !string.Equals(token, session.Token, StringComparison.Ordinal))
        {
            return (key, ("InvalidClientTokenId", "The security token included in the request is invalid."));
        }

        var payloadHash = Convert.ToHexStringLower(SHA256.HashData(body));
        if (request.Headers["X-Amz-Content-SHA256"] is { } declared && declared != payloadHash)
        {
            return (key, ("XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed."));
        }

        var canonical = new StringBuilder();
        canonical.Append(request.HttpMethod).Append('\n');
        canonical.Append(request.Url!.AbsolutePath).Append('\n');
        canonical.Append(CanonicalQuery(query)).Append('\n');
        foreach (var header in signedHeaders)
        {
            var values = request.Headers.GetValues(header) ?? [];
            canonical.Append(header).Append(':').Append(string.Join(',', values.Select(v => Spaces().Replace(v.Trim(), " ")))).Append('\n');
        }

        canonical.Append('\n').Append(match.Groups["headers"].Value).Append('\n').Append(payloadHash);
        var scope = $"{date}/{Region}/sts/aws4_request";
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        var signingKey = Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + session.Secret), date), Region), "sts"), "aws4_request");
        var expected = Convert.ToHexStringLower(Hmac(signingKey, toSign));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(match.Groups["signature"].Value))
            ? (key, null)
            : (key, ("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided."));
    }

    private static string CanonicalQuery(string query)
    {
        if (query.Length == 0)
        {
            return "";
        }

        return string.Join('&', ParseForm(query)
            .Select(kv => (Key: Uri.EscapeDataString(kv.Key), Value: Uri.EscapeDataString(kv.Value)))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => kv.Key + "=" + kv.Value));
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static Dictionary<string, string> ParseForm(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? pair : pair[..eq];
            var value = eq < 0 ? "" : pair[(eq + 1)..];
            result[Uri.UnescapeDataString(name.Replace('+', ' '))] = Uri.UnescapeDataString(value.Replace('+', ' '));
        }

        return result;
    }

    private static string Error(string type, string code, string message) => new XDocument(
        new XElement(XName.Get("ErrorResponse", Ns),
            new XElement(XName.Get("Error", Ns),
                new XElement(XName.Get("Type", Ns), type),
                new XElement(XName.Get("Code", Ns), code),
                new XElement(XName.Get("Message", Ns), message)),
            new XElement(XName.Get("RequestId", Ns), Guid.NewGuid().ToString()))).ToString();

    internal static string RandomText(int length, string alphabet)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>A listener on a free loopback port; if a test running in parallel takes the port first, another is tried.</summary>
    private static (HttpListener Listener, Uri Endpoint) Listen()
    {
        for (var attempt = 1; ; attempt++)
        {
            int port;
            using (var socket = new TcpListener(IPAddress.Loopback, 0))
            {
                socket.Start();
                port = ((IPEndPoint)socket.LocalEndpoint).Port;
            }

            var endpoint = new Uri($"http://127.0.0.1:{port}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(endpoint.ToString());
            try
            {
                listener.Start();
                return (listener, endpoint);
            }
            catch (HttpListenerException) when (attempt < 20)
            {
                listener.Close();
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            _listener.Stop();
            _listener.Close();
        }
        catch (HttpListenerException)
        {
            // .NET's managed listener on Linux can fail to release an endpoint whose port another test's listener
            // has taken since ("Address already in use"); the listener is stopped either way.
        }
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    [GeneratedRegex(@"\AAWS4-HMAC-SHA256 Credential=(?<key>[A-Z0-9]+)/(?<date>[0-9]{8})/(?<region>[a-z0-9-]+)/(?<service>[a-z0-9]+)/aws4_request, ?SignedHeaders=(?<headers>[a-z0-9;-]+), ?Signature=(?<signature>[0-9a-f]{64})\z")]
    private static partial Regex AuthorizationHeader();

    [GeneratedRegex(@"\Aarn:aws[a-z-]*:iam::[0-9]{12}:role/[\w+=,.@/-]+\z")]
    private static partial Regex RoleArn();

    [GeneratedRegex(@"\A[\w+=,.@-]{2,64}\z")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"\A[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}\z")]
    private static partial Regex TagKey();

    [GeneratedRegex(@"\A[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}\z")]
    private static partial Regex TagValue();

    [GeneratedRegex(" +")]
    private static partial Regex Spaces();
}
