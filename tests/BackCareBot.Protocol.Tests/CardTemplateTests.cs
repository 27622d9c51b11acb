using System.Text.Json;
using System.Text.Json.Nodes;
using BackCareBot.Protocol.Cards;

namespace BackCareBot.Protocol.Tests;

/// <summary>The templating subset documented on <see cref="CardTemplate"/>, read into the typed card model.</summary>
public sealed class CardTemplateTests
{
    [Fact]
    public void A_whole_binding_keeps_its_json_type_and_an_embedded_one_becomes_text()
    {
        var template = CardTemplate.Parse("t", """
            { "type": "AdaptiveCard", "version": "1.5", "body": [
              { "type": "Input.Number", "id": "pain", "min": "${min}", "max": "${limits.max}", "label": "From ${min} to ${limits.max}" } ] }
            """);

        var card = template.Expand(new JsonObject { ["min"] = 0, ["limits"] = new JsonObject { ["max"] = 10 } });

        var input = Assert.IsType<NumberInput>(Assert.Single(card.Body));
        Assert.Equal(0, input.Min);
        Assert.Equal(10, input.Max);
        Assert.Equal("From 0 to 10", input.Label);
    }

    [Fact]
    public void A_template_that_names_the_type_last_is_read_as_that_type()
    {
        // The card model is read without scanning ahead for its discriminator: the template puts "type" first.
        var template = CardTemplate.Parse("t", """
            { "version": "1.5", "body": [ { "text": "${t}", "wrap": true, "type": "TextBlock" },
              { "actions": [ { "title": "Go", "verb": "go", "type": "Action.Execute" } ], "type": "ActionSet" } ], "type": "AdaptiveCard" }
            """);

        var card = template.Expand(new JsonObject { ["t"] = "hello" });

        Assert.Equal("hello", Assert.IsType<TextBlock>(card.Body[0]).Text);
        Assert.Equal("go", Assert.IsType<ExecuteAction>(Assert.Single(Assert.IsType<ActionSet>(card.Body[1]).Actions)).Verb);
    }

    [Fact]
    public void Data_repeats_an_object_per_item_with_root_and_index_in_reach()
    {
        var template = CardTemplate.Parse("t", """
            { "type": "AdaptiveCard", "version": "1.5", "body": [
              { "$data": "${groups}", "type": "ActionSet", "actions": [
                { "$data": "${buttons}", "type": "Action.Execute", "title": "${$index}: ${title}", "verb": "answer", "data": { "step": "${$root.step}", "value": "${value}" } } ] } ] }
            """);
        var data = JsonNode.Parse("""
            { "step": "s1", "groups": [ { "buttons": [ { "title": "A", "value": "a" }, { "title": "B", "value": "b" } ] }, { "buttons": [ { "title": "C", "value": "c" } ] } ] }
            """)!.AsObject();

        var card = template.Expand(data);

        var sets = card.Body.Cast<ActionSet>().ToList();
        Assert.Equal([2, 1], sets.Select(s => s.Actions.Count));
        var buttons = sets.SelectMany(s => s.Actions).Cast<ExecuteAction>().ToList();
        Assert.Equal(["0: A", "1: B", "0: C"], buttons.Select(b => b.Title));
        Assert.All(buttons, b => Assert.Equal("s1", b.Data!["step"]!.GetValue<string>()));
        Assert.Equal(["a", "b", "c"], buttons.Select(b => b.Data!["value"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("yes", true, false)]
    [InlineData("", false, true)]
    [InlineData(null, false, true)]
    public void When_keeps_an_object_only_for_a_truthy_value_and_negation_for_the_rest(string? noted, bool shown, bool buttons)
    {
        var template = CardTemplate.Parse("t", """
            { "type": "AdaptiveCard", "version": "1.5", "body": [
              { "$when": "${noted}", "type": "TextBlock", "text": "${noted}" },
              { "$when": "${!noted}", "type": "ActionSet", "actions": [ { "type": "Action.Submit", "title": "Done" } ] } ] }
            """);

        var card = template.Expand(new JsonObject { ["noted"] = noted });

        Assert.Equal(shown, card.Body.OfType<TextBlock>().Any());
        Assert.Equal(buttons, card.Body.OfType<ActionSet>().Any());
    }

    [Fact]
    public void A_binding_to_missing_data_removes_the_property()
    {
        var template = CardTemplate.Parse("t", """{ "type": "AdaptiveCard", "version": "1.5", "body": [ { "type": "Image", "url": "${url}", "altText": "${alt}" } ] }""");

        var card = template.Expand(new JsonObject { ["url"] = "https://bot.example/a.svg" });

        var image = Assert.IsType<CardImage>(Assert.Single(card.Body));
        Assert.Null(image.AltText);
        Assert.DoesNotContain("altText", JsonSerializer.Serialize(card, CardJsonContext.Default.AdaptiveCard), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("${if(a, 'x', 'y')}")]
    [InlineData("${a + b}")]
    [InlineData("${unclosed")]
    public void An_expression_outside_the_subset_is_refused_when_the_template_is_read(string text)
    {
        var json = new JsonObject { ["type"] = "AdaptiveCard", ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = text }) }.ToJsonString();

        var error = Assert.Throws<FormatException>(() => CardTemplate.Parse("question.json", json));

        Assert.StartsWith("question.json: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_element_the_model_does_not_know_is_an_error_that_names_the_template()
    {
        var template = CardTemplate.Parse("exercise.json", """{ "type": "AdaptiveCard", "version": "1.5", "body": [ { "type": "Table", "rows": [] } ] }""");

        var error = Assert.ThrowsAny<Exception>(() => template.Expand([]));

        Assert.Contains("exercise.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_typed_card_writes_the_schema_names_and_types()
    {
        var card = new AdaptiveCard
        {
            Schema = AdaptiveCard.SchemaUrl,
            Version = "1.5",
            Body = [new TextBlock { Text = "Hi", Wrap = true }, new ColumnSet { Columns = [new Column { Width = "auto", Items = [new CardImage { Url = "u", AltText = "a" }] }] }],
            Actions = [new ExecuteAction { Title = "Go", Verb = "go", Fallback = new SubmitAction { Title = "Go", Data = new JsonObject { ["verb"] = "go" } } }],
            Refresh = new CardRefresh { Action = new ExecuteAction { Verb = "refresh" }, UserIds = ["29:u"] },
            MsTeams = new TeamsCardProperties { Width = "Full" },
        };

        var json = JsonNode.Parse(JsonSerializer.Serialize(card, CardJsonContext.Default.AdaptiveCard))!;

        Assert.Equal("AdaptiveCard", json["type"]!.GetValue<string>());
        Assert.Equal(AdaptiveCard.SchemaUrl, json["$schema"]!.GetValue<string>());
        Assert.Equal("TextBlock", json["body"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("Column", json["body"]![1]!["columns"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("Image", json["body"]![1]!["columns"]![0]!["items"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("Action.Submit", json["actions"]![0]!["fallback"]!["type"]!.GetValue<string>());
        Assert.Equal("Action.Execute", json["refresh"]!["action"]!["type"]!.GetValue<string>());
        Assert.Equal("Full", json["msteams"]!["width"]!.GetValue<string>());
        Assert.Null(json["speak"]);
    }
}
