using System.Text.Json.Nodes;
using BackCareBot.Tests.Shared;

namespace BackCareBot.Web.Tests.Fakes;

/// <summary>A local Bot Connector: records what the bot sends and answers each call from a script (default 200 with an id).</summary>
public static class ConnectorStandIn
{
    public static Task<LocalServer> StartAsync(Func<RecordedRequest, LocalResponse>? script = null) =>
        LocalServer.StartAsync(script ?? (_ => new LocalResponse(200, """{"id":"1717310799999"}""")));

    /// <summary>A reference fixture from activities/, readdressed to the given service URL.</summary>
    public static JsonNode Fixture(string name, Uri serviceUrl, string? text = null)
    {
        var activity = JsonNode.Parse(File.ReadAllText(Repo.ReferenceFile("activities", name)))!;
        activity["serviceUrl"] = serviceUrl.ToString();
        if (text is not null)
        {
            activity["text"] = text;
        }

        return activity;
    }
}
