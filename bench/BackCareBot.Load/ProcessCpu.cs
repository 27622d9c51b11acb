using System.Globalization;

namespace BackCareBot.Load;

/// <summary>
/// The user + system CPU a process has used, from /proc/&lt;pid&gt;/stat (fields 14 and 15, in clock ticks of
/// 1/100 s, the Linux USER_HZ), so the bot's CPU over the measured window alone can be taken by the load itself.
/// </summary>
internal static class ProcessCpu
{
    private const double TicksPerMillisecond = 0.1;

    /// <summary>Milliseconds of CPU, or null when the process is gone or this is not Linux.</summary>
    public static double? Milliseconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerMillisecond;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
