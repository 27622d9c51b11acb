using BackCareBot.Care.Content;
using BackCareBot.Care.State;

namespace BackCareBot.Care.Triage;

public static class RaisedFlags
{
    /// <summary>Raises the conversation to a flag's level (never lowering it) and remembers the flag.</summary>
    public static void Raise(this CareState state, RedFlag flag)
    {
        state.Level = TriageLevels.Higher(state.Level, flag.Level);
        if (!state.Flags.Contains(flag.Id))
        {
            state.Flags.Add(flag.Id);
        }
    }
}
