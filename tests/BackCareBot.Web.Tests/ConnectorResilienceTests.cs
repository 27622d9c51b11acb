using System.Text.Json;
using System.Text.Json.Nodes;
using BackCareBot.Protocol.Auth;
using BackCareBot.Protocol.Connector;
using BackCareBot.Protocol.Schema;
using BackCareBot.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace BackCareBot.Web.Tests;

/// <summary>The host's Connector client against a scripted local Connector: retries, refusals, proactive conversations.</summary>
public sealed class ConnectorResilienceTests : IAsyncLifetime
{
    private readonly Queue<LocalResponse> _script = new();
    private LocalServer _connector = null!;
    private BotHost _host = null!;

    public async Task InitializeAsync()
    {
        _connector = await ConnectorStandIn.StartAsync(_ =>
        {
            lock (_script)
            {
                return _script.Count > 0 ? _script.Dequeue() : new LocalResponse(200, """{"id":"sent-1"}""");
            }
        });
        _host = new BotHost(BotHost.Anonymous());
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Too_many_requests_is_retried_once_after_the_retry_after_delay()
    {
        _script.Enqueue(new LocalResponse(429, """{"error":{"code":"TooManyRequests","message":"slow down"}}""", RetryAfter: "1"));

        var result = await Connector().SendAsync(Message(), CancellationToken.None);

        Assert.Equal("sent-1", result.Id);
        var attempts = _connector.Requests.ToArray();
        Assert.Equal(2, attempts.Length);
        Assert.InRange(attempts[1].ReceivedAt - attempts[0].ReceivedAt, 900, 10_000);
    }

    [Theory]
    [InlineData(503, "POST")]
    [InlineData(412, "POST")]
    [InlineData(502, "PUT")]
    [InlineData(504, "PUT")]
    [InlineData(503, "PUT")]
    public async Task Failures_the_connector_cannot_have_processed_are_retried_a_bounded_number_of_times(int status, string method)
    {
        for (var i = 0; i < 10; i++)
        {
            _script.Enqueue(new LocalResponse(status));
        }

        var error = await Assert.ThrowsAsync<ConnectorException>(() => SendAsync(method));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(4, _connector.Requests.Count);
    }

    [Theory]
    [InlineData(502)]
    [InlineData(504)]
    public async Task A_new_message_is_not_sent_again_after_a_gateway_error_that_may_follow_its_delivery(int status)
    {
        _script.Enqueue(new LocalResponse(status));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => SendAsync("POST"));

        Assert.Equal(status, error.StatusCode);
        Assert.Single(_connector.Requests);
    }

    [Fact]
    public async Task An_update_that_times_out_is_retried()
    {
        _script.Enqueue(new LocalResponse(200, """{"id":"too-late"}""", Delay: TimeSpan.FromSeconds(3)));

        var result = await SendAsync("PUT");

        Assert.Equal("sent-1", result.Id);
        Assert.Equal(2, _connector.Requests.Count);
    }

    [Fact]
    public async Task A_new_message_whose_attempt_timed_out_is_not_sent_again()
    {
        // The Connector may have shown it already: a second POST would show the person the message twice.
        for (var i = 0; i < 10; i++)
        {
            _script.Enqueue(new LocalResponse(200, """{"id":"too-late"}""", Delay: TimeSpan.FromSeconds(3)));
        }

        var error = await Assert.ThrowsAsync<ConnectorException>(() => SendAsync("POST"));

        Assert.Contains("did not answer in time", error.Message, StringComparison.Ordinal);
        Assert.Single(_connector.Requests);
    }

    [Fact]
    public async Task A_new_message_is_retried_when_no_connection_could_be_made()
    {
        // The request never left, so sending it again cannot duplicate it: the first attempt finds no connection.
        var refusals = new RefuseFirstConnection();
        await using var host = new BotHost(BotHost.Anonymous(), s => s.AddHttpClient<ConnectorClient>().AddHttpMessageHandler(() => refusals));

        var result = await host.Services.GetRequiredService<ConnectorClient>().SendAsync(Message(), CancellationToken.None);

        Assert.Equal("sent-1", result.Id);
        Assert.Equal(2, refusals.Attempts);
        Assert.Single(_connector.Requests);
    }

    [Fact]
    public async Task In_anonymous_mode_a_service_url_that_arrived_is_still_not_trusted()
    {
        var activity = Message();
        activity.ServiceUrl = "http://169.254.169.254/";
        _host.Services.GetRequiredService<TrustedServiceUrls>().Trust("http://169.254.169.254/");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Connector().SendAsync(activity, CancellationToken.None));

        Assert.Contains("authenticated", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Teams_proactive_conversation_carries_the_tenant_in_both_places(bool tenantInChannelData)
    {
        _script.Enqueue(new LocalResponse(201, """{"id":"a:new-conversation","activityId":"1"}"""));
        const string Tenant = "00000000-0000-0000-0000-000000000001";
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount { Id = "28:00000000-0000-0000-0000-0000000000b1" },
            Members = [new ChannelAccount { Id = "29:1test-user-opaque-id" }],
            TenantId = tenantInChannelData ? null : Tenant,
            ChannelData = tenantInChannelData ? JsonDocument.Parse($$$"""{"tenant":{"id":"{{{Tenant}}}"}}""").RootElement.Clone() : null,
        };

        var created = await Connector().CreateConversationAsync(_connector.BaseAddress.ToString(), parameters, CancellationToken.None);

        Assert.Equal("a:new-conversation", created.Id);
        var sent = Assert.Single(_connector.Requests);
        Assert.Equal("/v3/conversations", sent.PathAndQuery);
        var body = JsonNode.Parse(sent.Body)!;
        Assert.Equal(Tenant, body["tenantId"]!.GetValue<string>());
        Assert.Equal(Tenant, body["channelData"]!["tenant"]!["id"]!.GetValue<string>());
    }

    private ConnectorClient Connector() => _host.Services.GetRequiredService<ConnectorClient>();

    private Task<ResourceResponse> SendAsync(string method)
    {
        var activity = Message();
        activity.Id = "1717310799999";
        return method == "PUT" ? Connector().UpdateAsync(activity, CancellationToken.None) : Connector().SendAsync(activity, CancellationToken.None);
    }

    private Activity Message() => new()
    {
        Type = ActivityTypes.Message,
        Text = "hello",
        ServiceUrl = _connector.BaseAddress.ToString(),
        Conversation = new ConversationAccount { Id = "a:1test-personal-conversation-id" },
        From = new ChannelAccount { Id = "28:00000000-0000-0000-0000-0000000000b1" },
        Recipient = new ChannelAccount { Id = "29:1test-user-opaque-id" },
    };

    /// <summary>Fails the first attempt as a refused connection does, then lets attempts through.</summary>
    private sealed class RefuseFirstConnection : DelegatingHandler
    {
        public int Attempts { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (++Attempts == 1)
            {
                throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused");
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
