using System.Text;

namespace BackCareBot.Training;

/// <summary>
/// A line's place in training that does not depend on the other lines: its cross-validation fold and its order in each
/// epoch come from a hash of its own text. Adding or moving a line then changes only where that line goes, not the
/// folds and order of every line after it, so a small corpus change cannot reshuffle the model and its threshold.
/// </summary>
public static class StableHash
{
    /// <summary>FNV-1a over the text's UTF-8 bytes.</summary>
    public static uint Of(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }

    /// <summary>A well-mixed value of a line's hash and a round number (splitmix-style finaliser), for an epoch's order.</summary>
    public static uint Mix(uint hash, int round)
    {
        var x = hash ^ ((uint)round * 0x9E3779B9u);
        x ^= x >> 16;
        x *= 0x85EBCA6Bu;
        x ^= x >> 13;
        x *= 0xC2B2AE35u;
        x ^= x >> 16;
        return x;
    }
}
