using System.Text.Json.Nodes;
using BackCareBot.Care.Tests;
using BackCareBot.Tests.Shared;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BackCareBot.EndToEnd.Tests;

/// <summary>
/// Every card the bot can send, rendered by the official renderer with a Teams host config at the page's widest card
/// (480 px, Web Chat's bubble) and at a phone's (328 px: a 360 px Teams mobile screen less its margins), with the
/// hidden parts (easier, harder) shown: nothing sticks out of the card, no button title or text is cut off, nothing
/// scrolls sideways, and axe finds the text contrast sufficient; in the light and dark themes and in forced colours.
/// </summary>
public sealed class CardLayoutTests(Chromium chromium, ITestOutputHelper output) : IClassFixture<Chromium>
{
    private const string Measure = """
        () => {
          const problems = [];
          for (const holder of document.querySelectorAll('[data-card]')) {
            const name = holder.dataset.card;
            const card = holder.querySelector('.ac-adaptiveCard');
            const box = card.getBoundingClientRect();
            if (card.scrollWidth > card.clientWidth + 1) problems.push(`${name}: scrolls sideways (${card.scrollWidth} px in ${card.clientWidth} px)`);
            for (const element of card.querySelectorAll('button, .ac-textBlock, .ac-richTextBlock, .ac-image, .ac-factset, input')) {
              if (element.getClientRects().length === 0) continue;
              const r = element.getBoundingClientRect();
              const what = `${element.tagName.toLowerCase()} "${element.textContent.trim().slice(0, 40) || element.getAttribute('alt') || ''}"`;
              if (r.left < box.left - 0.5 || r.right > box.right + 0.5) problems.push(`${name}: ${what} at ${Math.round(r.left)}-${Math.round(r.right)} px, card ${Math.round(box.left)}-${Math.round(box.right)} px`);
              const clipped = [element, ...element.querySelectorAll('div')].some(e => e.scrollWidth > e.clientWidth + 1);
              if (clipped) problems.push(`${name}: ${what} is cut off`);
            }
          }
          return problems;
        }
        """;

    [Theory]
    [InlineData("light", 480, false)]
    [InlineData("light", 328, false)]
    [InlineData("dark", 480, false)]
    [InlineData("dark", 328, false)]
    [InlineData("light", 328, true)]
    public async Task Every_card_fits_its_width_with_legible_text(string theme, int width, bool forcedColors)
    {
        // Teams' copies differ from Web Chat's only in their action types and msteams width, which the renderer lays out alike.
        var cards = CardCatalog.All().Where(c => c.Name.EndsWith("-webchat", StringComparison.Ordinal)).ToList();
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new() { Width = width + 32, Height = 900 },
            ForcedColors = forcedColors ? ForcedColors.Active : ForcedColors.None,
            ColorScheme = theme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
        });
        // The catalogue's picture address answers with the bot's own pictures.
        await context.RouteAsync(CardCatalog.ImageBase + "/images/**", route => route.FulfillAsync(new() { Path = Repo.File("dialogs", "images", new Uri(route.Request.Url).Segments[^1]) }));
        var chart = CardCatalog.ChartPng();
        await context.RouteAsync(CardCatalog.ImageBase + "/private/chart/*.png", route => route.FulfillAsync(new() { BodyBytes = chart, ContentType = "image/png" }));
        var page = await CardRenderer.OpenAsync(context, theme, width);

        var all = new JsonArray([.. cards.Select(c => new JsonArray(c.Name, Shown(c.Card)))]);
        await page.EvaluateAsync("(all) => { for (const [name, card] of JSON.parse(all)) window.renderCard(name, JSON.stringify(card)); }", all.ToJsonString());

        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var problems = await page.EvaluateAsync<string[]>(Measure);
        var where = $"{cards.Count} cards, {theme}, {width} px{(forcedColors ? ", forced colours" : string.Empty)}";
        var contrast = await Axe.CheckAsync(page, where, chromium, output, "#cards", "color-contrast");
        var horizontalScroll = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");
        await ScreenshotAsync(page, $"cards-{theme}-{width}{(forcedColors ? "-forced" : string.Empty)}.png");

        Assert.True(problems.Length == 0, $"{problems.Length} problems:\n{string.Join("\n", problems.Take(40))}");
        Assert.Empty(contrast.Violations.SelectMany(v => v.Nodes.Select(n => $"{v.Id}: {n.Html}")));
        Assert.False(horizontalScroll, "the page scrolls sideways");
    }

    /// <summary>The card with every part shown that a button can show (easier, harder), so those are measured too.</summary>
    private static JsonObject Shown(JsonObject card)
    {
        var copy = card.DeepClone().AsObject();
        void Visit(JsonNode? node)
        {
            if (node is JsonObject item)
            {
                item.Remove("isVisible");
                foreach (var (_, child) in item.ToList())
                {
                    Visit(child);
                }
            }
            else if (node is JsonArray list)
            {
                foreach (var child in list)
                {
                    Visit(child);
                }
            }
        }

        Visit(copy);
        return copy;
    }

    /// <summary>A screenshot of three typical cards: the pillow question, the pain score and an exercise (English and Chinese).</summary>
    private static async Task ScreenshotAsync(IPage page, string file)
    {
        await page.EvaluateAsync("""
            () => {
              const keep = /^(question-pillows|pain-pain_now|exercise-EX-KNEE-ROLL-standard)-(en|zh-CN)-webchat$/;
              for (const holder of document.querySelectorAll('[data-card]')) holder.hidden = !keep.test(holder.dataset.card);
            }
            """);
        await page.Locator("#cards").ScreenshotAsync(new LocatorScreenshotOptions { Path = Chromium.ArtifactPath(file) });
        await page.EvaluateAsync("() => { for (const holder of document.querySelectorAll('[data-card]')) holder.hidden = false; }");
    }
}
