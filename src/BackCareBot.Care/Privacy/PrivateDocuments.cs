using BackCareBot.Care.Charts;
using BackCareBot.Care.Content;
using BackCareBot.Care.Localization;
using BackCareBot.Care.Programme;

namespace BackCareBot.Care.Privacy;

/// <summary>What a private link serves: the body (200), or the status and a reason in both languages (404 unknown, 410 gone).</summary>
public sealed record PrivateDocument(int Status, byte[] Body, string? Reason = null);

/// <summary>
/// The documents behind private links, made from the state as it is when the link is opened: the data export and
/// the progress chart. Nothing is kept after the response.
/// </summary>
public sealed class PrivateDocuments(PrivateLinks links, CareContent content, TimeProvider time)
{
    private readonly Localizer _localizer = new(content);

    public async Task<PrivateDocument> ExportAsync(string token, CancellationToken cancellationToken)
    {
        var found = await links.ResolveAsync(LinkKind.Export, token, cancellationToken).ConfigureAwait(false);
        return found.State is { } state ? new PrivateDocument(200, DataExport.Write(state, time.GetUtcNow())) : Refused(found.Status);
    }

    public async Task<PrivateDocument> ChartAsync(string token, CancellationToken cancellationToken)
    {
        var found = await links.ResolveAsync(LinkKind.Chart, token, cancellationToken).ConfigureAwait(false);
        if (found.State?.CheckIn is not { } plan)
        {
            return Refused(found.Status == 200 ? 410 : found.Status);
        }

        var today = CheckInSchedule.LocalDate(plan, time.GetUtcNow());
        return new PrivateDocument(200, new ProgressChart(_localizer).Render(PainDiary.Days(plan), plan.StartedOn, today, found.Locale));
    }

    private PrivateDocument Refused(int status)
    {
        var key = status == 404 ? "export.not_found" : "export.gone";
        return new PrivateDocument(status, [], $"{_localizer.Text(Localizer.English, key)}\n{_localizer.Text(Localizer.Chinese, key)}\n");
    }
}
