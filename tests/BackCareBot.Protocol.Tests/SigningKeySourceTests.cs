using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BackCareBot.Protocol.Auth;
using Microsoft.IdentityModel.Tokens;

namespace BackCareBot.Protocol.Tests;

public sealed class SigningKeySourceTests : IDisposable
{
    private const string MetadataUrl = "https://login.botframework.test/v1/.well-known/openidconfiguration";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly MetadataHost _metadata;
    private readonly HttpClient _http;
    private readonly SigningKeySource _source;

    public SigningKeySourceTests()
    {
        _metadata = new MetadataHost(_rsa);
        _http = new HttpClient(_metadata);
        _source = new SigningKeySource(MetadataUrl, _http, TimeProvider.System, TimeSpan.FromHours(24), TimeSpan.FromHours(1));
    }

    public void Dispose()
    {
        _source.Dispose();
        _http.Dispose();
        _rsa.Dispose();
    }

    [Fact]
    public async Task Keys_and_endorsements_come_from_the_jwks_named_by_the_metadata()
    {
        var key = await _source.FindAsync("k1", CancellationToken.None);

        Assert.NotNull(key);
        Assert.Equal(["msteams"], key.Endorsements);
        Assert.Equal(1, _metadata.MetadataFetches);
    }

    [Fact]
    public async Task Many_concurrent_unknown_key_ids_cause_at_most_one_refresh()
    {
        await _source.FindAsync("k1", CancellationToken.None);

        var found = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => _source.FindAsync($"forged-{i}", CancellationToken.None)));

        Assert.All(found, Assert.Null);
        Assert.Equal(1, _metadata.MetadataFetches);
    }

    [Fact]
    public async Task An_unreachable_metadata_host_surfaces_as_an_http_error()
    {
        _metadata.Failing = true;

        await Assert.ThrowsAsync<HttpRequestException>(() => _source.FindAsync("k1", CancellationToken.None));
    }

    /// <summary>Answers the metadata and JWKS requests in the Bot Framework's wire format.</summary>
    private sealed class MetadataHost(RSA rsa) : HttpMessageHandler
    {
        private int _metadataFetches;

        public bool Failing { get; set; }

        public int MetadataFetches => Volatile.Read(ref _metadataFetches);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Failing)
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
            }

            string body;
            if (request.RequestUri!.AbsoluteUri == MetadataUrl)
            {
                Interlocked.Increment(ref _metadataFetches);
                body = """{"issuer":"https://api.botframework.com","jwks_uri":"https://login.botframework.test/v1/.well-known/keys"}""";
            }
            else
            {
                var parameters = rsa.ExportParameters(false);
                body = new JsonObject
                {
                    ["keys"] = new JsonArray(new JsonObject
                    {
                        ["kty"] = "RSA",
                        ["kid"] = "k1",
                        ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                        ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                        ["endorsements"] = new JsonArray("msteams"),
                    }),
                }.ToJsonString();
            }

            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
