using Microsoft.Playwright;

namespace BackCareBot.EndToEnd.Tests;

/// <summary>What a person does in the local Web Chat page, and what they see there.</summary>
public static class WebChat
{
    /// <summary>Opens the page and waits for the first of the bot's messages.</summary>
    public static async Task<IPage> OpenAsync(IBrowserContext context, BotHost host, string path = "")
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.Address + path);
        await page.Locator(".webchat__basic-transcript__activity").First.WaitForAsync();
        return page;
    }

    /// <summary>Text in the transcript itself (the screen-reader live region repeats it).</summary>
    public static ILocator Shown(IPage page, string text) =>
        page.Locator(".webchat__basic-transcript").GetByText(text);

    public static ILocator Cards(IPage page) => page.Locator(".webchat__basic-transcript .ac-adaptiveCard");

    public static async Task SendAsync(IPage page, string text)
    {
        var box = page.Locator("[data-id='webchat-sendbox-input']");
        await box.FillAsync(text);
        await box.PressAsync("Enter");
    }

    /// <summary>Types an answer and waits for the bot to answer it (the echo plus at least one reply).</summary>
    public static async Task AnswerAsync(IPage page, string text)
    {
        var activities = page.Locator(".webchat__basic-transcript__activity");
        var before = await activities.CountAsync();
        await SendAsync(page, text);
        await WaitUntilAsync(async () => await activities.CountAsync() >= before + 2);
    }

    /// <summary>The user's activities as the Direct Line endpoint holds them ("text|locale", or the card data).</summary>
    public static Task<string[]> SentAsync(IPage page) => page.EvaluateAsync<string[]>("""
        async () => {
          const { conversationId, token } = JSON.parse(localStorage.getItem('backcarebot.session'));
          const response = await fetch('/v3/directline/conversations/' + conversationId + '/activities',
            { headers: { Authorization: 'Bearer ' + token } });
          const set = await response.json();
          return set.activities.filter(a => a.from.role === 'user').map(a => a.value ? JSON.stringify(a.value) : a.text + '|' + a.locale);
        }
        """);

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what = "condition")
    {
        for (var i = 0; i < 100 && !await condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(await condition(), $"{what} not reached in 10 s");
    }

    public static List<string> WatchForPolicyViolations(IPage page)
    {
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };
        return violations;
    }
}
