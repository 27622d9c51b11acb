using System.Globalization;
using BackCareBot.Care.Conversation;

namespace BackCareBot.Care.Privacy;

/// <summary>"export my data" / "导出我的数据": a private download link to everything stored (<see cref="DataExport"/>).</summary>
internal sealed class ExportReply(CareTexts texts, PrivateLinks links)
{
    public async Task<string> LinkAsync(CareTurn turn, CancellationToken cancellationToken)
    {
        var url = await links.CreateAsync(CareBot.StateKey(turn.Activity), turn.State, LinkKind.Export, turn.Locale, cancellationToken).ConfigureAwait(false);
        return texts.T(turn, "export.ready", "link", url)
            .Replace("{minutes}", ((int)links.Lifetime.TotalMinutes).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
