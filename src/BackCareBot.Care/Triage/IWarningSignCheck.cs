using BackCareBot.Care.Content;

namespace BackCareBot.Care.Triage;

/// <summary>Finds a warning sign in what the user wrote, whatever question is open; the most urgent one wins.</summary>
public interface IWarningSignCheck
{
    RedFlag? Match(string? text);
}
