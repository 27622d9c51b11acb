using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace BackCareBot.Protocol.Cards;

/// <summary>
/// The part of Adaptive Cards 1.5 (what Teams renders for bots) that the bot sends. Only the properties the bot
/// uses are modelled; the JSON names and the <c>type</c> values are the schema's own.
/// </summary>
public sealed class AdaptiveCard
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string SchemaUrl = "http://adaptivecards.io/schemas/adaptive-card.json";

    [JsonPropertyOrder(-2)]
    public string Type { get; set; } = "AdaptiveCard";

    [JsonPropertyName("$schema")]
    [JsonPropertyOrder(-1)]
    public string? Schema { get; set; }

    /// <summary>Always "1.5" on a sent card: Teams mobile clients do not render a card without a version.</summary>
    public string? Version { get; set; }

    public List<CardElement> Body { get; set; } = [];

    public List<AdaptiveAction>? Actions { get; set; }

    /// <summary>Universal Actions: how Teams asks the bot for the card's current, user-specific view.</summary>
    public CardRefresh? Refresh { get; set; }

    public string? Speak { get; set; }

    public string? Lang { get; set; }

    public string? FallbackText { get; set; }

    /// <summary>Teams' own extension (<c>width: "Full"</c>); the official 1.5 schema does not define it.</summary>
    [JsonPropertyName("msteams")]
    public TeamsCardProperties? MsTeams { get; set; }

    /// <summary>Every element in the card body, depth first (action show-cards excluded).</summary>
    public IEnumerable<CardElement> AllElements() => Body.SelectMany(Descendants);

    private static IEnumerable<CardElement> Descendants(CardElement element)
    {
        yield return element;
        IEnumerable<CardElement> children = element switch
        {
            Container container => container.Items,
            ColumnSet columns => columns.Columns.SelectMany(c => c.Items),
            _ => [],
        };
        foreach (var child in children.SelectMany(Descendants))
        {
            yield return child;
        }
    }
}

public sealed class CardRefresh
{
    public string Type { get; set; } = "Refresh";

    /// <summary>An <see cref="ExecuteAction"/>; typed as the base so that its <c>type</c> is written.</summary>
    public AdaptiveAction? Action { get; set; }

    /// <summary>The users (Teams MRIs, at most 60) for whom Teams refreshes the card automatically.</summary>
    public List<string>? UserIds { get; set; }
}

public sealed class TeamsCardProperties
{
    public string? Width { get; set; }
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(RichTextBlock), "RichTextBlock")]
[JsonDerivedType(typeof(CardImage), "Image")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(ColumnSet), "ColumnSet")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
[JsonDerivedType(typeof(ChoiceSetInput), "Input.ChoiceSet")]
[JsonDerivedType(typeof(NumberInput), "Input.Number")]
[JsonDerivedType(typeof(TextInput), "Input.Text")]
[JsonDerivedType(typeof(ToggleInput), "Input.Toggle")]
[JsonDerivedType(typeof(TimeInput), "Input.Time")]
public abstract class CardElement
{
    public string? Id { get; set; }

    public string? Spacing { get; set; }

    public bool? Separator { get; set; }

    public bool? IsVisible { get; set; }
}

public sealed class TextBlock : CardElement
{
    public string Text { get; set; } = "";

    public bool? Wrap { get; set; }

    public string? Weight { get; set; }

    public string? Size { get; set; }

    public string? Color { get; set; }

    public bool? IsSubtle { get; set; }

    public int? MaxLines { get; set; }

    /// <summary>"heading" (1.5) lets screen readers announce the block as a heading.</summary>
    public string? Style { get; set; }
}

public sealed class RichTextBlock : CardElement
{
    public List<TextRun> Inlines { get; set; } = [];
}

public sealed class TextRun
{
    public string Type { get; set; } = "TextRun";

    public string Text { get; set; } = "";

    public string? Weight { get; set; }

    public string? Color { get; set; }

    public bool? IsSubtle { get; set; }

    public bool? Italic { get; set; }
}

public sealed class CardImage : CardElement
{
    public string Url { get; set; } = "";

    public string? AltText { get; set; }

    public string? Size { get; set; }

    public string? HorizontalAlignment { get; set; }
}

public sealed class Container : CardElement
{
    public List<CardElement> Items { get; set; } = [];

    public string? Style { get; set; }
}

public sealed class ColumnSet : CardElement
{
    public List<Column> Columns { get; set; } = [];
}

public sealed class Column
{
    public string Type { get; set; } = "Column";

    public List<CardElement> Items { get; set; } = [];

    /// <summary>"auto", "stretch" or a weight such as "2".</summary>
    public string? Width { get; set; }

    public string? VerticalContentAlignment { get; set; }
}

public sealed class FactSet : CardElement
{
    public List<Fact> Facts { get; set; } = [];
}

public sealed class Fact
{
    public string Title { get; set; } = "";

    public string Value { get; set; } = "";
}

public sealed class ActionSet : CardElement
{
    public List<AdaptiveAction> Actions { get; set; } = [];
}
