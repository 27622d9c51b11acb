using System.Globalization;
using System.Text.Json;
using BackCareBot.Care.Programme;
using BackCareBot.Care.State;

namespace BackCareBot.Care.Privacy;

/// <summary>
/// "export my data": everything stored about the user, as a JSON file — language, country, warning-sign level and
/// signs, every answer (by question id, with the answer's value), what the exercise cards' feedback changed, the
/// check-in plan and the next check-in, and the diary day by day. Left out are the bot's own bookkeeping that says
/// nothing about the user: conversation, user and activity ids, the address check-ins are sent to, replies waiting
/// to be delivered, the conversation's run id and the private links.
/// </summary>
public static class DataExport
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    public static byte[] Write(CareState state, DateTimeOffset now)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Indented))
        {
            json.WriteStartObject();
            json.WriteString("exportedAt", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteString("language", state.Locale);
            json.WriteString("country", state.Country);
            json.WriteString("warningSignLevel", state.Level);
            Strings(json, "warningSigns", state.Flags);
            Map(json, "answers", state.Dialog.Answers);
            Map(json, "understoodBeforeAsked", state.Heard ?? []);
            json.WriteStartObject("exerciseFeedback");
            Strings(json, "hurt", state.Progress.Replaced);
            Strings(json, "tooHard", state.Progress.SteppedDown);
            json.WriteStartObject("done");
            foreach (var (exercise, count) in state.Progress.Done)
            {
                json.WriteNumber(exercise, count);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            CheckIns(json, state);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void CheckIns(Utf8JsonWriter json, CareState state)
    {
        if (state.CheckIn is not { } plan)
        {
            json.WriteNull("checkIns");
            return;
        }

        json.WriteStartObject("checkIns");
        json.WriteString("timeZone", plan.TimeZone);
        json.WriteString("time", TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(plan.Minutes)).ToString("HH:mm", CultureInfo.InvariantCulture));
        Date(json, "startedOn", plan.StartedOn);
        Date(json, "lastSentOn", plan.LastSentOn);
        Date(json, "skippedOn", plan.SnoozedOn);
        Date(json, "pausedUntil", plan.PausedUntil);
        json.WriteString("nextDue", state.CheckInDue?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteStartArray("diary");
        foreach (var day in PainDiary.Days(plan))
        {
            json.WriteStartObject();
            Date(json, "date", day.Date);
            json.WriteNumber("pain", day.Pain);
            Optional(json, "comparedWithYesterday", day.Compared);
            Optional(json, "morningStiffness", day.Stiffness);
            Optional(json, "sleptOn", day.Slept);
            Optional(json, "exercisesDoneYesterday", day.Exercised);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void Map(Utf8JsonWriter json, string name, IEnumerable<KeyValuePair<string, string>> values)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in values)
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }

    private static void Date(Utf8JsonWriter json, string name, DateOnly? date)
    {
        if (date is { } day)
        {
            json.WriteString(name, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void Optional(Utf8JsonWriter json, string name, string value)
    {
        if (value.Length > 0)
        {
            json.WriteString(name, value);
        }
    }
}
