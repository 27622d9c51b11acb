using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace BackCareBot.Protocol.Cards;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ExecuteAction), "Action.Execute")]
[JsonDerivedType(typeof(SubmitAction), "Action.Submit")]
[JsonDerivedType(typeof(OpenUrlAction), "Action.OpenUrl")]
[JsonDerivedType(typeof(ShowCardAction), "Action.ShowCard")]
[JsonDerivedType(typeof(ToggleVisibilityAction), "Action.ToggleVisibility")]
public abstract class AdaptiveAction
{
    public string? Id { get; set; }

    public string? Title { get; set; }

    /// <summary>"default", "positive" or "destructive".</summary>
    public string? Style { get; set; }
}

/// <summary>Universal Actions: Teams sends an <c>adaptiveCard/action</c> invoke with the verb and data.</summary>
public sealed class ExecuteAction : AdaptiveAction
{
    public string? Verb { get; set; }

    public JsonObject? Data { get; set; }

    /// <summary>"auto" (the card's inputs) or "none".</summary>
    public string? AssociatedInputs { get; set; }

    /// <summary>What clients without Universal Actions show instead (an <see cref="SubmitAction"/>).</summary>
    public AdaptiveAction? Fallback { get; set; }
}

/// <summary>Sends a message activity whose <c>value</c> is <see cref="Data"/> merged with the card's inputs.</summary>
public sealed class SubmitAction : AdaptiveAction
{
    public JsonObject? Data { get; set; }

    public string? AssociatedInputs { get; set; }
}

public sealed class OpenUrlAction : AdaptiveAction
{
    public string Url { get; set; } = "";
}

public sealed class ShowCardAction : AdaptiveAction
{
    public AdaptiveCard? Card { get; set; }
}

public sealed class ToggleVisibilityAction : AdaptiveAction
{
    public List<string> TargetElements { get; set; } = [];
}
