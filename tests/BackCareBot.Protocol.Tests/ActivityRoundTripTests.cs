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
    public void An_attachment_made_from_json_bytes_is_written_as_those_bytes_and_read_back_as_its_content()
    {
        var card = """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"腰 \u0022quoted\u0022 <b>"}]}"""u8.ToArray();
        var activity = new Activity { Type = ActivityTypes.Message, Attachments = [Attachment.FromJson("application/vnd.microsoft.card.adaptive", card)] };

        var written = JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJsonContext.Default.Activity);

        Assert.Contains(Convert.ToHexString(card), Convert.ToHexString(written), StringComparison.Ordinal);
        var read = JsonSerializer.Deserialize(written, ProtocolJsonContext.Default.Activity)!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", read.Attachments![0].ContentType);
        Assert.Equal("腰 \"quoted\" <b>", read.Attachments[0].Content!.Value.GetProperty("body")[0].GetProperty("text").GetString());
        Assert.Equal("AdaptiveCard", activity.Attachments[0].Content!.Value.GetProperty("type").GetString());
    }

    [Fact]
    public void An_attachment_keeps_unknown_fields_and_reads_names_in_any_case()
    {
        var activity = JsonSerializer.Deserialize(
            """{"type":"message","attachments":[{"ContentType":"text/html","content":"<p>hi</p>","futureField":{"a":[1,2]},"name":null}]}""", ProtocolJsonContext.Default.Activity)!;

        var attachment = activity.Attachments![0];
        Assert.Equal("text/html", attachment.ContentType);
        Assert.Equal("<p>hi</p>", attachment.Content!.Value.GetString());
        Assert.Null(attachment.Name);
        var written = JsonNode.Parse(JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity))!["attachments"]![0]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"contentType":"text/html","content":"<p>hi</p>","futureField":{"a":[1,2]}}"""), written), written.ToJsonString());
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
