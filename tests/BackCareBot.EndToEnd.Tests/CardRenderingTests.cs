using System.Text.Json;
using System.Text.Json.Nodes;
using BackCareBot.Care.Tests;
using BackCareBot.Tests.Shared;
using Microsoft.Playwright;

namespace BackCareBot.EndToEnd.Tests;

/// <summary>
/// Every card the bot can send, rendered in Chromium by the official renderer (npm adaptivecards) with the Teams
/// light host config, with the pictures served by the real bot; and a new user's way to the exercise cards in Web Chat.
/// </summary>
public sealed class CardRenderingTests(Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public async Task Every_card_renders_with_the_teams_host_config_and_its_pictures_load()
    {
        await using var host = await BotHost.StartAsync();
        var cards = CardCatalog.All(host.Address.ToString().TrimEnd('/'));
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 520, Height = 900 } });
        var chart = CardCatalog.ChartPng();
        await context.RouteAsync("**/private/chart/*.png", route => route.FulfillAsync(new() { BodyBytes = chart, ContentType = "image/png" }));
        var page = await CardRenderer.OpenAsync(context);

        var results = new List<JsonNode>();
        foreach (var (name, card) in cards)
        {
            results.Add(JsonNode.Parse(await page.EvaluateAsync<string>("([name, card]) => JSON.stringify(window.renderCard(name, card))", new object[] { name, card.ToJsonString() }))!);
        }

        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var brokenImages = await page.EvaluateAsync<string[]>("() => [...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)");

        Assert.True(cards.Count >= 150, $"only {cards.Count} cards");
        foreach (var (result, (name, card)) in results.Zip(cards))
        {
            Assert.True(result["rendered"]!.GetValue<bool>(), $"{name}: {result}");
            Assert.True(result["errors"]!.AsArray().Count == 0, $"{name}: {result["errors"]}");
            var first = card["body"]![0]!["text"]!.GetValue<string>();
            Assert.Contains(first.Split('\n')[0].Split('[')[0].Trim(), result["text"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.True(result["buttons"]!.GetValue<int>() >= CountActions(card), $"{name}: {result["buttons"]} buttons");
        }

        Assert.Empty(brokenImages);
    }

    [Fact]
    public async Task An_exercise_card_shows_its_versions_on_request_and_sends_its_feedback()
    {
        await using var host = await BotHost.StartAsync();
        var (_, card) = CardCatalog.All(host.Address.ToString().TrimEnd('/')).First(c => c.Name == "exercise-EX-SUPERMAN-standard-en-webchat");
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 520, Height = 1200 } });
        var page = await CardRenderer.OpenAsync(context);
        await page.EvaluateAsync("([name, card]) => window.renderCard(name, card)", new object[] { "superman", card.ToJsonString() });
        var rendered = page.Locator(".ac-adaptiveCard").First;
        var easier = rendered.GetByText("Lift one leg at a time", new() { Exact = false });

        var hiddenBefore = await easier.IsHiddenAsync();
        await rendered.GetByRole(AriaRole.Button, new() { Name = "Easier" }).ClickAsync();
        await easier.WaitForAsync();
        await rendered.GetByRole(AriaRole.Button, new() { Name = "It hurts" }).ClickAsync();
        var sent = JsonNode.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.lastAction)"))!;

        Assert.True(hiddenBefore);
        Assert.Equal("Action.Submit", sent["type"]!.GetValue<string>());
        Assert.Equal("exercise.hurts", sent["data"]!["verb"]!.GetValue<string>());
        Assert.Equal("EX-SUPERMAN", sent["data"]!["exercise"]!.GetValue<string>());
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await rendered.ScreenshotAsync(new LocatorScreenshotOptions { Path = Chromium.ArtifactPath("exercise-card.png") });
    }

    /// <summary>Buttons a user sees without opening anything: the card's actions and those of its action sets.</summary>
    private static int CountActions(JsonObject card) =>
        (card["actions"]?.AsArray().Count ?? 0)
        + card["body"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "ActionSet").Sum(s => s!["actions"]!.AsArray().Count);
}
