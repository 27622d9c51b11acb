namespace BackCareBot.Care.Triage;

/// <summary>L1 (call an ambulance) is the most urgent, L5 (self-care) the least; a conversation's level only goes up.</summary>
public static class TriageLevels
{
    public const string SelfCare = "L5";

    public static int Rank(string level) => level is ['L', var digit] && digit is >= '1' and <= '5' ? 6 - (digit - '0') : 0;

    /// <summary>The level as a number, 1 (most urgent) to 5; 0 for anything else.</summary>
    public static int Number(string level) => level is ['L', var digit] && digit is >= '1' and <= '5' ? digit - '0' : 0;

    public static bool AtLeast(string current, string level) => Rank(current) >= Rank(level);

    public static string Higher(string a, string b) => Rank(a) >= Rank(b) ? a : b;

    /// <summary>L1 and L2 end the self-care path at once.</summary>
    public static bool IsEmergency(string level) => AtLeast(level, "L2");

    /// <summary>From L3 no exercise cards are shown until a clinician has seen the person.</summary>
    public static bool BlocksExercises(string level) => AtLeast(level, "L3");
}
