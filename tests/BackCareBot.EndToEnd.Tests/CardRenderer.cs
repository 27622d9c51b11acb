using BackCareBot.Tests.Shared;
using Microsoft.Playwright;

namespace BackCareBot.EndToEnd.Tests;

/// <summary>A blank page with the official Adaptive Cards renderer (npm adaptivecards) and a Teams host config.</summary>
public static class CardRenderer
{
    /// <summary>
    /// Opens the page: <c>window.renderCard(name, json)</c> renders one card into <c>#cards</c> (of the given width,
    /// on the host config's own background) and reports on it; a pressed button is kept in <c>window.lastAction</c>.
    /// </summary>
    public static async Task<IPage> OpenAsync(IBrowserContext context, string theme = "light", int width = 500)
    {
        var hostConfig = await File.ReadAllTextAsync(Repo.ReferenceFile("adaptive-cards", $"hostconfig-microsoft-teams-{theme}.json"));
        var background = theme == "dark" ? "#1f1f1f" : "#ffffff";
        var page = await context.NewPageAsync();
        await page.SetContentAsync($"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Cards</title></head><body style='margin:0;background:{background};font-family:\"Segoe UI\",system-ui,sans-serif'><main id='cards' style='width:{width}px'></main></body></html>");
        await page.AddScriptTagAsync(new() { Path = Repo.File("tools", "node", "node_modules", "adaptivecards", "dist", "adaptivecards.min.js") });
        await page.EvaluateAsync("""
            (hostConfig) => {
              window.renderCard = (name, json) => {
                const card = new AdaptiveCards.AdaptiveCard();
                card.hostConfig = new AdaptiveCards.HostConfig(JSON.parse(hostConfig));
                card.onExecuteAction = action => { window.lastAction = { type: action.getJsonTypeName(), data: action.data }; };
                const context = new AdaptiveCards.SerializationContext(AdaptiveCards.Versions.v1_5);
                card.parse(JSON.parse(json), context);
                const errors = [];
                for (let i = 0; i < context.eventCount; i++) errors.push(context.getEventAt(i).message);
                const element = card.render();
                const holder = document.createElement('div');
                holder.dataset.card = name;
                holder.style.marginBottom = '12px';
                if (element) holder.appendChild(element);
                document.getElementById('cards').appendChild(holder);
                return {
                  rendered: !!element && element.classList.contains('ac-adaptiveCard'),
                  errors,
                  text: element ? element.textContent : '',
                  buttons: element ? element.querySelectorAll('button').length : 0,
                };
              };
            }
            """, hostConfig);
        return page;
    }
}
