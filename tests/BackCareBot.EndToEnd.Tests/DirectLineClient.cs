using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BackCareBot.EndToEnd.Tests;

/// <summary>Plain HTTP calls to the bot's Direct Line, as a client would make them.</summary>
public sealed class DirectLineClient(Uri botAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(botAddress, "/v3/directline/") };

    public HttpClient Http => _http;

    public async Task<(string ConversationId, string Token)> StartAsync()
    {
        var generated = await ReadAsync(await _http.PostAsync("tokens/generate", null));
        var token = generated["token"]!.GetValue<string>();
        using var response = await SendAsync(HttpMethod.Post, "conversations", token);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var started = await ReadAsync(response);
        return (started["conversationId"]!.GetValue<string>(), token);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return _http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostMessageAsync(string conversationId, string token, string text, string clientActivityId = "c1") =>
        SendAsync(HttpMethod.Post, $"conversations/{conversationId}/activities", token, JsonContent.Create(new JsonObject
        {
            ["type"] = "message",
            ["from"] = new JsonObject { ["id"] = "someone-else", ["role"] = "user" },
            ["text"] = text,
            ["locale"] = "en-US",
            ["attachments"] = new JsonArray(),
            ["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId },
        }));

    public async Task<JsonObject> ActivitiesAsync(string conversationId, string token, string? watermark = null)
    {
        using var response = await SendAsync(HttpMethod.Get, $"conversations/{conversationId}/activities" + (watermark is null ? "" : "?watermark=" + watermark), token);
        response.EnsureSuccessStatusCode();
        return await ReadAsync(response);
    }

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public static async Task<string?> ErrorCodeAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("error").GetProperty("code").GetString();
    }

    public void Dispose() => _http.Dispose();
}
