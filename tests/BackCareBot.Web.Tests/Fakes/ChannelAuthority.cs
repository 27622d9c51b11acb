using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BackCareBot.Web.Tests.Fakes;

/// <summary>
/// Stands in for login.botframework.com and Entra ID on https://127.0.0.1: OpenID metadata, JWKS with endorsements,
/// and the client-credentials token endpoint, replaying their documented wire format with test RSA keys.
/// </summary>
public sealed class ChannelAuthority : IAsyncDisposable
{
    public const string AppId = "00000000-0000-0000-0000-0000000000b1";
    public const string TenantId = "00000000-0000-0000-0000-000000000001";
    public const string MetadataPath = "/v1/.well-known/openidconfiguration";
    public const string EmulatorMetadataPath = "/emulator/v2.0/.well-known/openid-configuration";

    private readonly ConcurrentDictionary<string, (RSA Key, string[] Endorsements)> _published = new(StringComparer.Ordinal);
    private readonly JsonWebTokenHandler _handler = new();
    private int _issued;

    private ChannelAuthority(X509Certificate2 certificate) => Certificate = certificate;

    public X509Certificate2 Certificate { get; }

    public LocalServer Server { get; private set; } = null!;

    public string MetadataUrl => new Uri(Server.BaseAddress, MetadataPath.TrimStart('/')).ToString();

    public string EmulatorMetadataUrl => new Uri(Server.BaseAddress, EmulatorMetadataPath.TrimStart('/')).ToString();

    /// <summary>The https origin to use as BotTokenAuthorityHost.</summary>
    public string AuthorityHost => Server.BaseAddress.ToString().TrimEnd('/');

    public int MetadataFetches => Server.Requests.Count(r => r.PathAndQuery == MetadataPath);

    public IEnumerable<RecordedRequest> TokenRequests => Server.Requests.Where(r => r.PathAndQuery.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal));

    /// <summary>Access tokens handed out so far, newest last.</summary>
    public ConcurrentQueue<string> IssuedAccessTokens { get; } = new();

    public static async Task<ChannelAuthority> StartAsync()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);

        var authority = new ChannelAuthority(certificate);
        authority.Publish("channel-key", "msteams", "webchat");
        authority.Publish("sms-only-key", "sms");
        authority.Publish("emulator-key");
        authority.Server = await LocalServer.StartAsync(authority.Respond, certificate);
        return authority;
    }

    /// <summary>Adds a signing key to the JWKS (a key rollover).</summary>
    public RSA Publish(string kid, params string[] endorsements)
    {
        var key = RSA.Create(2048);
        _published[kid] = (key, endorsements);
        return key;
    }

    public RSA KeyOf(string kid) => _published[kid].Key;

    /// <summary>Trusts exactly this authority's self-signed certificate.</summary>
    public HttpMessageHandler CreateTrustingHandler() => new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert is not null && cert.Thumbprint == Certificate.Thumbprint,
    };

    public string CreateToken(TokenShape shape)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal);
        if (shape.ServiceUrl is not null)
        {
            claims["serviceurl"] = shape.ServiceUrl;
        }

        foreach (var (name, value) in shape.ExtraClaims)
        {
            claims[name] = value;
        }

        SecurityKey signingKey = shape.HmacSecret is { } secret
            ? new SymmetricSecurityKey(secret) { KeyId = shape.Kid }
            : new RsaSecurityKey(shape.SigningKey ?? KeyOf(shape.Kid)) { KeyId = shape.Kid };
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = shape.Issuer,
            Audience = shape.Audience,
            Claims = claims,
            IssuedAt = now.Add(shape.NotBeforeOffset),
            NotBefore = now.Add(shape.NotBeforeOffset),
            Expires = now.Add(shape.ExpiresOffset),
            SigningCredentials = new SigningCredentials(signingKey, shape.Algorithm),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        foreach (var (key, _) in _published.Values)
        {
            key.Dispose();
        }

        Certificate.Dispose();
    }

    private LocalResponse Respond(RecordedRequest request)
    {
        var origin = Server.BaseAddress.ToString().TrimEnd('/');
        return request.PathAndQuery switch
        {
            MetadataPath => new LocalResponse(200, new JsonObject { ["issuer"] = "https://api.botframework.com", ["jwks_uri"] = $"{origin}/v1/.well-known/keys" }.ToJsonString()),
            EmulatorMetadataPath => new LocalResponse(200, new JsonObject { ["issuer"] = "https://login.microsoftonline.com/{tenantid}/v2.0", ["jwks_uri"] = $"{origin}/emulator/keys" }.ToJsonString()),
            "/v1/.well-known/keys" or "/emulator/keys" => new LocalResponse(200, Jwks()),
            var path when path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal) => IssueAccessToken(request),
            _ => new LocalResponse(404),
        };
    }

    private LocalResponse IssueAccessToken(RecordedRequest request)
    {
        if (!request.Body.Contains("grant_type=client_credentials", StringComparison.Ordinal))
        {
            return new LocalResponse(400, """{"error":"unsupported_grant_type"}""");
        }

        if (!request.PathAndQuery.StartsWith($"/{TenantId}/", StringComparison.Ordinal) && !request.PathAndQuery.StartsWith("/botframework.com/", StringComparison.Ordinal))
        {
            return new LocalResponse(400, """{"error":"invalid_request","error_description":"AADSTS90002: Tenant not found.","error_codes":[90002]}""");
        }

        var token = $"connector-token-{Interlocked.Increment(ref _issued)}";
        IssuedAccessTokens.Enqueue(token);
        return new LocalResponse(200, new JsonObject { ["token_type"] = "Bearer", ["expires_in"] = 3600, ["ext_expires_in"] = 3600, ["access_token"] = token }.ToJsonString());
    }

    private string Jwks()
    {
        var keys = new JsonArray();
        foreach (var (kid, (key, endorsements)) in _published)
        {
            var parameters = key.ExportParameters(false);
            keys.Add(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = kid,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                ["endorsements"] = new JsonArray([.. endorsements.Select(e => (JsonNode)e)]),
            });
        }

        return new JsonObject { ["keys"] = keys }.ToJsonString();
    }
}

/// <summary>What a test token looks like; the defaults make a valid Bot Framework channel token.</summary>
public sealed record TokenShape
{
    public string? ServiceUrl { get; init; }
    public string Issuer { get; init; } = "https://api.botframework.com";
    public string Audience { get; init; } = ChannelAuthority.AppId;
    public string Kid { get; init; } = "channel-key";
    public RSA? SigningKey { get; init; }
    public byte[]? HmacSecret { get; init; }
    public string Algorithm { get; init; } = SecurityAlgorithms.RsaSha256;
    public TimeSpan NotBeforeOffset { get; init; } = TimeSpan.FromMinutes(-1);
    public TimeSpan ExpiresOffset { get; init; } = TimeSpan.FromMinutes(30);
    public IReadOnlyDictionary<string, object> ExtraClaims { get; init; } = new Dictionary<string, object>();
}
