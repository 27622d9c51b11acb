using System.Text.Json;
using System.Text.Json.Nodes;
using BackCareBot.Protocol.Schema;
using BackCareBot.Tests.Shared;

namespace BackCareBot.Protocol.Tests;

public class ActivityRoundTripTests
{
    public static TheoryData<string> IncomingFixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Repo.ReferenceFile("activities"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(IncomingFixtures))]
    public void Every_reference_activity_round_trips_to_the_same_json(string fixture)
    {
        var original = File.ReadAllText(Repo.ReferenceFile("activities", fixture));

        var activity = JsonSerializer.Deserialize(original, ProtocolJsonContext.Default.Activity)!;
        var written = JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(original), JsonNode.Parse(written)), $"{fixture} changed:\n{written}");
    }

    [Fact]
    public void Outgoing_reply_with_card_round_trips_including_card_content()
    {
        var original = File.ReadAllText(Repo.ReferenceFile("activities", "outgoing", "reply-with-adaptive-card.json"));

        var activity = JsonSerializer.Deserialize(original, ProtocolJsonContext.Default.Activity)!;

        Assert.Equal("application/vnd.microsoft.card.adaptive", activity.Attachments![0].ContentType);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(original), JsonNode.Parse(JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity))));
    }

    [Fact]
    public void Expect_replies_response_round_trips()
    {
        var original = File.ReadAllText(Repo.ReferenceFile("activities", "outgoing", "expect-replies-response.json"));

        var replies = JsonSerializer.Deserialize(original, ProtocolJsonContext.Default.ExpectedReplies)!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(original), JsonNode.Parse(JsonSerializer.Serialize(replies, ProtocolJsonContext.Default.ExpectedReplies))));
    }

    [Fact]
    public void Unknown_fields_survive_and_nulls_are_omitted()
    {
        var activity = JsonSerializer.Deserialize("""{"type":"message","futureField":{"a":[1,2]},"text":null}""", ProtocolJsonContext.Default.Activity)!;

        var written = JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity);

        Assert.Equal("""{"type":"message","futureField":{"a":[1,2]}}""", written);
    }

    [Fact]
    public void Create_reply_swaps_accounts_and_keeps_the_conversation()
    {
        var incoming = JsonSerializer.Deserialize(File.ReadAllText(Repo.ReferenceFile("activities", "teams-message-personal-text.json")), ProtocolJsonContext.Default.Activity)!;

        var reply = incoming.CreateReply("hi");

        Assert.Equal(incoming.Recipient!.Id, reply.From!.Id);
        Assert.Equal(incoming.From!.Id, reply.Recipient!.Id);
        Assert.Equal(incoming.Conversation!.Id, reply.Conversation!.Id);
        Assert.Equal(incoming.Id, reply.ReplyToId);
    }
}
