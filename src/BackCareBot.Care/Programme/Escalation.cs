using BackCareBot.Care.Actions;
using BackCareBot.Care.Conversation;
using BackCareBot.Care.Triage;

namespace BackCareBot.Care.Programme;

/// <summary>
/// When to see someone over the programme (programme.json <c>escalation</c>, clinical.md 1 and RF18): about 2 weeks
/// after the first check-in with the pain not 2 points lower, the advice to see a doctor or physiotherapist; at 6
/// weeks, still not lower, the matching level (RF18, L4) with its safety net. Each is said once; when two fall due
/// together (check-ins were paused), only the later one is said. A new warning sign goes through the check-in's
/// recheck, and the end of the 12 weeks through <see cref="CheckInProgramme"/>.
/// </summary>
internal sealed class Escalation(CareServices services)
{
    private readonly EmergencyDirectory _emergency = new(services.Content);

    /// <summary>The message due today, or null; <paramref name="day"/> is today's programme day, <paramref name="pain"/> today's score.</summary>
    public string? Check(CareTurn turn, CheckInPlan plan, int day, int pain)
    {
        var days = PainDiary.Days(plan);
        if (days.Count == 0)
        {
            return null;
        }

        var first = days[0];
        var notes = plan.Notes ??= new ProgrammeNotes();
        var since = day - (first.Date.DayNumber - plan.StartedOn.DayNumber);
        Content.EscalationRule? due = null;
        foreach (var rule in services.Content.Programme.Escalation.Where(r => since >= r.AfterDays && notes.Said?.Contains(r.Id) != true))
        {
            // A pain of 0 or 1 is not a reason to see someone, whatever it was at first.
            if (first.Pain - pain < rule.PainDownBy && pain >= rule.PainDownBy)
            {
                (notes.Said ??= []).Add(rule.Id);
                due = rule;
            }
        }

        if (due is null)
        {
            return null;
        }

        var text = services.Texts.Fill(turn, Regional(turn, due.Say));
        if (due.Flag is { } id && services.Content.RedFlags.Flags.Find(f => f.Id == id) is { } flag)
        {
            turn.State.Raise(flag);
            text += "\n\n" + services.Texts.LevelMessage(turn, flag.Level);
        }

        return text.Replace("{first}", first.Pain.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{last}", pain.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>
    /// The key's wording for the user's region when the language has one ("escalation.two_weeks.CN": a hospital's
    /// orthopaedic or rehabilitation clinic), else the key's: the country known, else the language's region (zh-CN: CN).
    /// </summary>
    private string Regional(CareTurn turn, string key)
    {
        var numbers = _emergency.For(turn.Country);
        var region = numbers != services.Content.Emergency.Default ? numbers.Region : services.Content.Emergency.Locales.GetValueOrDefault(turn.Locale);
        return region is not null && services.Content.Locales.TryGetValue(turn.Locale, out var strings) && strings.Strings.TryGetValue($"{key}.{region}", out var regional)
            ? regional
            : services.Texts.T(turn, key);
    }
}
