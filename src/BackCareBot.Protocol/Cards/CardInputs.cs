using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace BackCareBot.Protocol.Cards;

/// <summary>Inputs share a label, a required flag and the error shown when the value does not fit.</summary>
public abstract class CardInput : CardElement
{
    public string? Label { get; set; }

    public bool? IsRequired { get; set; }

    public string? ErrorMessage { get; set; }
}

public sealed class ChoiceSetInput : CardInput
{
    public List<InputChoice> Choices { get; set; } = [];

    public bool? IsMultiSelect { get; set; }

    /// <summary>"compact" (a drop-down) or "expanded" (radio buttons or check boxes).</summary>
    public string? Style { get; set; }

    public string? Value { get; set; }

    public string? Placeholder { get; set; }
}

public sealed class InputChoice
{
    public string Title { get; set; } = "";

    public string Value { get; set; } = "";
}

public sealed class NumberInput : CardInput
{
    public double? Min { get; set; }

    public double? Max { get; set; }

    public double? Value { get; set; }

    public string? Placeholder { get; set; }
}

public sealed class TextInput : CardInput
{
    public string? Placeholder { get; set; }

    public int? MaxLength { get; set; }

    public bool? IsMultiline { get; set; }

    public string? Regex { get; set; }

    public string? Value { get; set; }
}

/// <summary>A time of day ("HH:mm"), picked with the host's own time picker.</summary>
public sealed class TimeInput : CardInput
{
    public string? Min { get; set; }

    public string? Max { get; set; }

    public string? Value { get; set; }

    public string? Placeholder { get; set; }
}

public sealed class ToggleInput : CardInput
{
    public string Title { get; set; } = "";

    public string? Value { get; set; }

    public string? ValueOn { get; set; }

    public string? ValueOff { get; set; }
}
