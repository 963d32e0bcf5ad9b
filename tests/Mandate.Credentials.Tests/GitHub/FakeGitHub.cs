using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Mandate.Credentials.Tests.GitHub;

/// <summary>
/// GitHub as far as Mandate's git credentials touch it, on a loopback port: the REST endpoints "Create an
/// installation access token for an app" and "Revoke an installation access token", checking the app JWT and the
/// request as GitHub documents, and git's smart HTTP served by the real <c>git http-backend</c> (CGI) behind
/// GitHub's Basic authentication with <c>x-access-token:&lt;token&gt;</c>. A push needs contents:write.
/// </summary>
public sealed class FakeGitHub : IDisposable
{
    public const string Owner = "acme";
    public const string RepositoryName = "api";

    private static readonly Dictionary<string, int> Levels = new(StringComparer.Ordinal) { ["read"] = 1, ["write"] = 2, ["admin"] = 3 };

    private readonly HttpListener _listener;
    private readonly RSA _appPublicKey;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<JsonObject> _jwts = new();
    private readonly ConcurrentQueue<string> _refusals = new();
    private readonly Task _loop;
    private readonly string _root;

    public FakeGitHub(RSA appPublicKey, string appId, long installationId, TimeProvider? time = null)
    {
        _appPublicKey = appPublicKey;
        AppId = appId;
        InstallationId = installationId;
        _time = time ?? TimeProvider.System;
        _root = Directory.CreateTempSubdirectory("fake-github-").FullName;
        ProjectRoot = Path.Combine(_root, "git");
        Directory.CreateDirectory(ProjectRoot);
        (_listener, Port) = Listen();
        _loop = Task.Run(ServeAsync);
    }

    public string AppId { get; }

    public long InstallationId { get; }

    public int Port { get; }

    /// <summary>The git host as git names it (credential <c>host=</c>), and the capability's host.</summary>
    public string Host => $"127.0.0.1:{Port}";

    public string ApiUrl => $"http://{Host}";

    public string CloneUrl => $"http://{Host}/{Owner}/{RepositoryName}.git";

    /// <summary>GIT_PROJECT_ROOT: holds <c>acme/api.git</c> once <see cref="CreateRepository"/> ran.</summary>
    public string ProjectRoot { get; }

    /// <summary>The repositories (owner/name) the app is installed on.</summary>
    public HashSet<string> InstalledRepositories { get; } = [$"{Owner}/{RepositoryName}"];

    /// <summary>The permissions the app was granted by the installation.</summary>
    public Dictionary<string, string> AppPermissions { get; } = new(StringComparer.Ordinal) { ["contents"] = "write", ["metadata"] = "read", ["pull_requests"] = "write" };

    /// <summary>The claims of every app JWT that verified.</summary>
    public IReadOnlyCollection<JsonObject> VerifiedJwts => _jwts;

    /// <summary>Why each refused request was refused (status and GitHub's message).</summary>
    public IReadOnlyCollection<string> Refusals => _refusals;

    public IEnumerable<IssuedToken> Tokens => _tokens.Values;

    public bool IsLive(string token) => _tokens.TryGetValue(token, out var t) && t.LiveAt(_time.GetUtcNow());

    /// <summary>Creates the bare <c>acme/api.git</c> with one commit on main (README.md).</summary>
    public void CreateRepository()
    {
        var bare = Path.Combine(ProjectRoot, Owner, RepositoryName + ".git");
        Git(_root, "init", "--quiet", "--bare", "--initial-branch=main", bare);
        var work = Path.Combine(_root, "seed");
        Git(_root, "init", "--quiet", "--initial-branch=main", work);
        File.WriteAllText(Path.Combine(work, "README.md"), "# api\n");
        Git(work, "add", "README.md");
        Git(work, "-c", "user.name=Seed", "-c", "user.email=seed@acme.dev", "commit", "--quiet", "-m", "Initial commit");
        Git(work, "push", "--quiet", bare, "main");
    }

    /// <summary>The commit subjects on a branch of the served repository.</summary>
    public string Log(string branch = "main") => Git(Path.Combine(ProjectRoot, Owner, RepositoryName + ".git"), "log", "--format=%s", branch);

    public static string Git(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("git did not start; install git.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({process.ExitCode}): {stderr.Result}");
        }

        return stdout;
    }

    public void Dispose()
    {
        if (!_listener.IsListening)
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
            // The loop ends with the listener.
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    /// <summary>
    /// A listener on a free loopback port. The port is found free and then bound, and a test running in parallel can
    /// take it in between ("Address already in use"): then another port is tried.
    /// </summary>
    private static (HttpListener Listener, int Port) Listen()
    {
        for (var attempt = 1; ; attempt++)
        {
            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }

            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < 20)
            {
                listener.Close();
            }
        }
    }

    private async Task ServeAsync()
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

            _ = Task.Run(() => Handle(context));
        }
    }

    private void Handle(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var request = context.Request;
            var path = request.Url!.AbsolutePath;
            var prefix = $"/app/installations/";
            if (request.HttpMethod == "POST" && path.StartsWith(prefix, StringComparison.Ordinal) && path.EndsWith("/access_tokens", StringComparison.Ordinal))
            {
                CreateToken(request, response, path[prefix.Length..^"/access_tokens".Length]);
            }
            else if (request.HttpMethod == "DELETE" && path == "/installation/token")
            {
                RevokeToken(request, response);
            }
            else if (path.StartsWith($"/{Owner}/", StringComparison.Ordinal) && path.Contains(".git/", StringComparison.Ordinal))
            {
                ServeGit(request, response, path);
            }
            else
            {
                Error(response, 404, "Not Found");
            }
        }
        catch (Exception e) when (e is HttpListenerException or IOException or InvalidOperationException)
        {
            _refusals.Enqueue("500 " + e.GetType().Name + ": " + e.Message);
            try
            {
                response.StatusCode = 500;
            }
            catch (InvalidOperationException)
            {
                // Headers already sent.
            }
        }
        finally
        {
            response.Close();
        }
    }

    private void CreateToken(HttpListenerRequest request, HttpListenerResponse response, string installation)
    {
        if (request.Headers["X-GitHub-Api-Version"] != "2022-11-28" || request.Headers["Accept"] != "application/vnd.github+json" || string.IsNullOrEmpty(request.UserAgent))
        {
            // GitHub answers 400 to an unsupported API version and 403 without a User-Agent; one refusal covers both here.
            Error(response, 400, "Request headers must carry Accept: application/vnd.github+json, X-GitHub-Api-Version: 2022-11-28 and a User-Agent");
            return;
        }

        var why = VerifyJwt(request.Headers["Authorization"]);
        if (why is not null)
        {
            Error(response, 401, why);
            return;
        }

        if (installation != InstallationId.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            Error(response, 404, "Not Found");
            return;
        }

        JsonObject body;
        try
        {
            using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
            body = JsonNode.Parse(reader.ReadToEnd()) as JsonObject ?? throw new FormatException();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
        {
            Error(response, 400, "Problems parsing JSON");
            return;
        }

        var repositories = new List<string>();
        foreach (var name in body["repositories"] as JsonArray ?? [])
        {
            var full = $"{Owner}/{name}";
            if (name is not JsonValue || !InstalledRepositories.Contains(full))
            {
                Error(response, 422, "There is at least one repository that does not exist or is not accessible to the parent installation.");
                return;
            }

            repositories.Add(full);
        }

        var permissions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, level) in body["permissions"] as JsonObject ?? [])
        {
            var wanted = level?.ToString() ?? "";
            if (!AppPermissions.TryGetValue(name, out var granted) || !Levels.TryGetValue(wanted, out var w) || w > Levels[granted])
            {
                Error(response, 422, "The permissions requested are not granted to this installation.");
                return;
            }

            permissions[name] = wanted;
        }

        if (permissions.Count == 0)
        {
            foreach (var (k, v) in AppPermissions)
            {
                permissions[k] = v;
            }
        }

        if (repositories.Count == 0)
        {
            repositories.AddRange(InstalledRepositories);
        }

        var token = "ghs_" + RandomText(36);
        var expires = _time.GetUtcNow().AddHours(1);
        _tokens[token] = new IssuedToken(token, repositories, permissions, expires);
        var permissionJson = new JsonObject();
        foreach (var (k, v) in permissions)
        {
            permissionJson[k] = v;
        }

        Json(response, 201, new JsonObject
        {
            ["token"] = token,
            ["expires_at"] = expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["permissions"] = permissionJson,
            ["repository_selection"] = "selected",
            ["repositories"] = new JsonArray([.. repositories.Select(r => (JsonNode)new JsonObject { ["name"] = r.Split('/')[1], ["full_name"] = r })]),
        });
    }

    private void RevokeToken(HttpListenerRequest request, HttpListenerResponse response)
    {
        var authorization = request.Headers["Authorization"] ?? "";
        var token = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization[7..]
            : authorization.StartsWith("token ", StringComparison.Ordinal) ? authorization[6..] : "";
        if (!_tokens.TryGetValue(token, out var issued) || !issued.LiveAt(_time.GetUtcNow()))
        {
            Error(response, 401, "Bad credentials");
            return;
        }

        issued.Revoked = true;
        response.StatusCode = 204;
    }

    /// <summary>null when the Authorization header carries a valid app JWT; else GitHub's reason.</summary>
    private string? VerifyJwt(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return "A JSON web token could not be decoded";
        }

        var parts = authorization[7..].Split('.');
        if (parts.Length != 3)
        {
            return "A JSON web token could not be decoded";
        }

        JsonObject header;
        JsonObject claims;
        byte[] signature;
        try
        {
            header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0])) as JsonObject ?? throw new FormatException();
            claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1])) as JsonObject ?? throw new FormatException();
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            return "A JSON web token could not be decoded";
        }

        if (header["alg"]?.ToString() != "RS256"
            || !_appPublicKey.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return "A JSON web token could not be decoded";
        }

        if (claims["iss"]?.ToString() != AppId)
        {
            return $"'Issuer' claim ('iss') must be an Integer or the app's client ID";
        }

        if (claims["iat"] is not JsonValue iatValue || !iatValue.TryGetValue<long>(out var iat))
        {
            return "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";
        }

        if (claims["exp"] is not JsonValue expValue || !expValue.TryGetValue<long>(out var exp))
        {
            return "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (iat > now + 60)
        {
            return "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";
        }

        if (exp <= now)
        {
            return "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
        }

        if (exp - iat > 600)
        {
            return "'Expiration time' claim ('exp') is too far in the future";
        }

        _jwts.Enqueue(claims);
        return null;
    }

    private void ServeGit(HttpListenerRequest request, HttpListenerResponse response, string path)
    {
        var repository = path[1..path.IndexOf(".git/", StringComparison.Ordinal)];
        var push = request.QueryString["service"] == "git-receive-pack" || path.EndsWith("/git-receive-pack", StringComparison.Ordinal);
        var token = BasicToken(request.Headers["Authorization"]);
        if (token is null || !_tokens.TryGetValue(token, out var issued) || !issued.LiveAt(_time.GetUtcNow()))
        {
            _refusals.Enqueue($"401 git {(push ? "push" : "fetch")} {repository}: {(token is null ? "no credentials" : "token not live")}");
            response.AddHeader("WWW-Authenticate", "Basic realm=\"GitHub\"");
            Text(response, 401, "Invalid username or token. Password authentication is not supported for Git operations.");
            return;
        }

        if (!issued.Repositories.Contains(repository))
        {
            _refusals.Enqueue($"404 git {repository}: token not for this repository");
            Text(response, 404, "Repository not found.");
            return;
        }

        var level = issued.Permissions.GetValueOrDefault("contents");
        if (level is null || (push && level != "write"))
        {
            _refusals.Enqueue($"403 git {(push ? "push" : "fetch")} {repository}: contents:{level ?? "none"}");
            Text(response, 403, $"Permission to {repository}.git denied to x-access-token.");
            return;
        }

        RunHttpBackend(request, response, path);
    }

    private static string? BasicToken(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..]));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && decoded[..colon] == "x-access-token" ? decoded[(colon + 1)..] : null;
    }

    /// <summary>The real <c>git http-backend</c>, as a CGI script under a web server (RFC 3875).</summary>
    private void RunHttpBackend(HttpListenerRequest request, HttpListenerResponse response, string path)
    {
        using var body = new MemoryStream();
        request.InputStream.CopyTo(body);
        var start = new ProcessStartInfo("git") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("http-backend");
        var env = start.Environment;
        env["GIT_PROJECT_ROOT"] = ProjectRoot;
        env["GIT_HTTP_EXPORT_ALL"] = "1";
        env["GIT_CONFIG_NOSYSTEM"] = "1";
        env["GIT_CONFIG_GLOBAL"] = "/dev/null";
        env["REMOTE_USER"] = "x-access-token";
        env["REMOTE_ADDR"] = "127.0.0.1";
        env["GATEWAY_INTERFACE"] = "CGI/1.1";
        env["SERVER_PROTOCOL"] = "HTTP/1.1";
        env["REQUEST_METHOD"] = request.HttpMethod;
        env["PATH_INFO"] = path;
        env["QUERY_STRING"] = request.Url!.Query.TrimStart('?');
        env["CONTENT_TYPE"] = request.ContentType ?? "";
        env["CONTENT_LENGTH"] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (request.Headers["Content-Encoding"] is { } encoding)
        {
            env["HTTP_CONTENT_ENCODING"] = encoding;
        }

        if (request.Headers["Git-Protocol"] is { } protocol)
        {
            env["GIT_PROTOCOL"] = protocol;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("git http-backend did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        body.Position = 0;
        body.CopyTo(process.StandardInput.BaseStream);
        process.StandardInput.Close();
        copy.Wait();
        process.WaitForExit();
        _ = stderr.Result;

        // CGI output: header lines, a blank line, the body. "Status: 404 Not Found" sets the status.
        var bytes = output.ToArray();
        var (headerEnd, separator) = FindHeaderEnd(bytes);
        var status = 200;
        foreach (var line in Encoding.ASCII.GetString(bytes, 0, headerEnd).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                status = int.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                response.ContentType = value;
            }
            else if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                response.AddHeader(name, value);
            }
        }

        response.StatusCode = status;
        var start2 = headerEnd + separator;
        response.ContentLength64 = bytes.Length - start2;
        response.OutputStream.Write(bytes, start2, bytes.Length - start2);
    }

    private static (int End, int SeparatorLength) FindHeaderEnd(byte[] bytes)
    {
        for (var i = 0; i < bytes.Length - 1; i++)
        {
            if (bytes[i] == '\n' && bytes[i + 1] == '\n')
            {
                return (i, 2);
            }

            if (i + 3 < bytes.Length && bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
            {
                return (i, 4);
            }
        }

        return (bytes.Length, 0);
    }

    private static void Error(HttpListenerResponse response, int status, string message) =>
        Json(response, status, new JsonObject { ["message"] = message, ["documentation_url"] = "https://docs.github.com/rest", ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    private static void Json(HttpListenerResponse response, int status, JsonObject body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength64 = bytes.Length;
        response.OutputStream.Write(bytes);
    }

    private static void Text(HttpListenerResponse response, int status, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text + "\n");
        response.StatusCode = status;
        response.ContentType = "text/plain";
        response.ContentLength64 = bytes.Length;
        response.OutputStream.Write(bytes);
    }

    private static string RandomText(int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return RandomNumberGenerator.GetString(alphabet, length);
    }

    /// <summary>One token the fake issued.</summary>
    public sealed class IssuedToken(string token, IReadOnlyList<string> repositories, IReadOnlyDictionary<string, string> permissions, DateTimeOffset expiresAt)
    {
        public string Token { get; } = token;

        public IReadOnlyList<string> Repositories { get; } = repositories;

        public IReadOnlyDictionary<string, string> Permissions { get; } = permissions;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public bool Revoked { get; set; }

        public bool LiveAt(DateTimeOffset now) => !Revoked && ExpiresAt > now;
    }
}
