using System.Security.Cryptography;
using System.Text;

namespace BackCareBot.Load;

/// <summary>
/// Ids shaped like Teams' (a personal chat "a:1" + ~130 base64url characters, a user "29:1" + ~60, a numeric
/// activity id), derived from the run label, user and conversation number, so state keys are as long and as
/// scattered as a tenant's.
/// </summary>
public static class TeamsIds
{
    public static string Conversation(string label, int user, int n) => "a:1" + Hash($"c/{label}/{user}/{n}", 96);

    public static string User(string label, int user, int n) => "29:1" + Hash($"u/{label}/{user}/{n}", 48);

    public static string Activity(string label, int user, int n, int turn) =>
        (1_764_000_000_000 + (((long)user << 32) | ((long)n << 8) | (uint)turn) % 1_000_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Hash(string seed, int bytes)
    {
        var output = new byte[bytes];
        var block = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        for (var i = 0; i < bytes; i += block.Length)
        {
            block.AsSpan(0, Math.Min(block.Length, bytes - i)).CopyTo(output.AsSpan(i));
            block = SHA256.HashData(block);
        }

        return Convert.ToBase64String(output).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
