using Microsoft.Playwright;
using Xunit.Abstractions;
using static BackCareBot.EndToEnd.Tests.WebChat;

namespace BackCareBot.EndToEnd.Tests;

/// <summary>
/// The local Web Chat with the real bot, used with the keyboard alone (Tab, Enter, Space, and Web Chat's own Enter into
/// a message) from the welcome to working exercise cards, with axe-core run at the welcome, on a question card, on
/// the pain card and on an exercise card: no serious or critical violation, every control named, pictures described.
/// </summary>
public sealed class AccessibilityTests(Chromium chromium, ITestOutputHelper output) : IClassFixture<Chromium>
{
    // Consent and the red-flag screen, then the assessment up to the pain score (cards: sleep, pillows, mattress, pain area).
    private static readonly string[] Answers = ["yes", "16 to 49", "no", "no", "no", "no", "no", "no", "no", "on my back", "under my knees", "medium", "middle", "less than 30 minutes", "neither"];

    [Fact]
    public async Task A_person_reaches_working_exercise_cards_with_the_keyboard_alone_and_axe_finds_nothing_serious()
    {
        await using var host = await BotHost.StartAsync();
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US", ViewportSize = new() { Width = 900, Height = 1000 } });
        var page = await OpenAsync(context, host);
        await Shown(page, "Is that OK with you? Shall we start?").First.WaitForAsync();
        var blocking = new List<string>();
        async Task CheckAsync(string where) => blocking.AddRange(Axe.Blocking(await Axe.CheckAsync(page, where, chromium, output), where));

        await CheckAsync("the welcome");
        var cardsAnswered = 0;
        foreach (var answer in Answers)
        {
            if (cardsAnswered == 0 && await NewestCardHasAsync(page, answer))
            {
                await CheckAsync("a question card");
            }

            if (await PressInNewestCardAsync(page, answer, "Space"))
            {
                cardsAnswered++;
            }
            else if (!await PressSuggestedActionAsync(page, answer))
            {
                await TypeAsync(page, answer);
            }
        }

        // The pain card: into the message, Tab to the score, type it, Tab to Send, Enter.
        await Shown(page, "How bad is your back pain right now").First.WaitForAsync();
        await CheckAsync("the pain card");
        await EnterNewestMessageAsync(page);
        await TabToAsync(page, "Your score (0-10)");
        await page.Keyboard.TypeAsync("3");
        await TabToAsync(page, "Send");
        await AfterAsync(page, () => page.Keyboard.PressAsync("Enter"));

        var exercise = Cards(page).Filter(new() { HasText = "Knee rolls (lower back twist)" }).First;
        await exercise.WaitForAsync();
        await CheckAsync("an exercise card");
        // The cards' pictures (Web Chat's own link icons are decorative, with an empty alt and a title).
        var pictures = await Cards(page).Locator("img.ac-image").EvaluateAllAsync<string[]>("images => images.map(i => i.getAttribute('alt') || '')");
        Assert.NotEmpty(pictures);
        Assert.All(pictures, alt => Assert.True(alt.Trim().Length > 10, $"picture without a useful alt text: '{alt}'"));

        // The exercise card's own buttons: Easier (Space) opens the easier version, Done (Enter) sends the feedback.
        await FocusMessageAsync(page, "Knee rolls (lower back twist)");
        await TabToAsync(page, "Easier");
        await page.Keyboard.PressAsync("Space");
        await exercise.GetByText("Smaller movement, a pillow between your knees").WaitForAsync();
        await TabToAsync(page, "Done");
        await page.Keyboard.PressAsync("Enter");
        await Shown(page, "Well done. Keep it up").First.WaitForAsync();
        await exercise.GetByText("Noted: Done").WaitForAsync();

        Assert.True(cardsAnswered >= 4, $"only {cardsAnswered} questions answered on cards");
        Assert.Empty(await UnnamedControlsAsync(page));
        Assert.Empty(blocking);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath("webchat-keyboard-en.png") });
    }

    [Fact]
    public async Task In_chinese_at_a_phone_width_the_page_does_not_scroll_sideways_and_every_card_button_is_inside_its_card()
    {
        await using var host = await BotHost.StartAsync();
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new() { Width = 360, Height = 740 } });
        var page = await OpenAsync(context, host);
        await Shown(page, "你同意吗？可以开始了吗？").First.WaitForAsync();
        var blocking = new List<string>();
        var outside = new List<string>();
        async Task CheckAsync(string where)
        {
            blocking.AddRange(Axe.Blocking(await Axe.CheckAsync(page, where, chromium, output), where));
            outside.AddRange((await OutsideAsync(page)).Select(o => $"{where}: {o}"));
        }

        await CheckAsync("the welcome, zh-CN, 360 px");
        foreach (var answer in new[] { "是", "16到49岁", "否", "否", "否", "否", "否", "否", "否" })
        {
            await TypeAsync(page, answer);
        }

        await PressInNewestCardAsync(page, "平躺", "Enter");
        await Shown(page, "你把枕头放在哪里？").First.WaitForAsync();
        await CheckAsync("the pillow card, zh-CN, 360 px");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath("webchat-zh.png") });
        await PressInNewestCardAsync(page, "夹在两膝之间", "Enter");
        await Cards(page).Filter(new() { HasText = "你把枕头放在哪里？" }).GetByText("你的回答：夹在两膝之间").WaitForAsync();
        await CheckAsync("an answered card, zh-CN, 360 px");

        Assert.Empty(outside);
        Assert.Empty(blocking);
    }

    /// <summary>Sideways scrolling of the page, and card buttons or text that stick out of their card.</summary>
    private static Task<string[]> OutsideAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => {
          const problems = [];
          const root = document.documentElement;
          if (root.scrollWidth > root.clientWidth) problems.push(`the page scrolls sideways (${root.scrollWidth} px in ${root.clientWidth} px)`);
          for (const card of document.querySelectorAll('.webchat__basic-transcript .ac-adaptiveCard')) {
            const box = card.getBoundingClientRect();
            for (const element of card.querySelectorAll('button, .ac-textBlock, .ac-image, input')) {
              const r = element.getBoundingClientRect();
              if (r.width > 0 && (r.left < box.left - 0.5 || r.right > box.right + 0.5)) problems.push(`"${element.textContent.trim().slice(0, 30)}" outside its card`);
              if ([element, ...element.querySelectorAll('div')].some(e => e.scrollWidth > e.clientWidth + 1)) problems.push(`"${element.textContent.trim().slice(0, 30)}" cut off`);
            }
          }
          return problems;
        }
        """);

    /// <summary>Buttons and inputs in the transcript and the header without an accessible name (text, label or aria-label).</summary>
    private static Task<string[]> UnnamedControlsAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => [...document.querySelectorAll('button, input, textarea, select')]
          .filter(e => e.offsetParent !== null)
          .filter(e => !((e.getAttribute('aria-label') || '').trim() || (e.labels && [...e.labels].some(l => l.textContent.trim()))
                         || (e.getAttribute('aria-labelledby') || '').split(' ').some(id => document.getElementById(id)?.textContent.trim())
                         || (e.tagName === 'BUTTON' && e.textContent.trim()) || (e.getAttribute('title') || '').trim()))
          .map(e => e.outerHTML.slice(0, 120))
        """);

    /// <summary>Presses the newest message's button named <paramref name="name"/> with the keyboard, if the newest message is a card that has it.</summary>
    private static async Task<bool> PressInNewestCardAsync(IPage page, string name, string key)
    {
        if (!await NewestCardHasAsync(page, name))
        {
            return false;
        }

        await EnterNewestMessageAsync(page);
        await TabToAsync(page, name);
        await AfterAsync(page, () => page.Keyboard.PressAsync(key));
        await FocusSendBoxAsync(page);
        return true;
    }

    private static async Task<bool> NewestCardHasAsync(IPage page, string button) =>
        await page.Locator(".webchat__basic-transcript__activity").Last.Locator(".ac-adaptiveCard").GetByRole(AriaRole.Button, new() { Name = button }).CountAsync() > 0;

    /// <summary>From the send box, Shift+Tab to the suggested action named <paramref name="name"/> and Enter, if there is one.</summary>
    private static async Task<bool> PressSuggestedActionAsync(IPage page, string name)
    {
        if (await page.Locator(".webchat__suggested-actions").GetByRole(AriaRole.Button, new() { Name = name }).CountAsync() == 0)
        {
            return false;
        }

        // Shift+Tab reaches the row of suggested actions; the arrow keys move within it (Web Chat's own model).
        await FocusSendBoxAsync(page);
        await page.Keyboard.PressAsync("Shift+Tab");
        await page.Keyboard.PressAsync("Home");
        await TabToAsync(page, name, "ArrowRight");
        await AfterAsync(page, () => page.Keyboard.PressAsync("Enter"));
        await FocusSendBoxAsync(page);
        return true;
    }

    private static async Task TypeAsync(IPage page, string text)
    {
        await FocusSendBoxAsync(page);
        await page.Keyboard.TypeAsync(text);
        await AfterAsync(page, () => page.Keyboard.PressAsync("Enter"));
    }

    /// <summary>Shift+Tab from the send box to the transcript, then Web Chat's Enter moves focus into the newest message.</summary>
    private static async Task EnterNewestMessageAsync(IPage page)
    {
        await FocusTranscriptAsync(page);
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("Enter");
    }

    /// <summary>From the transcript, Home then the arrow keys to the message with <paramref name="text"/>, and Enter into it.</summary>
    private static async Task FocusMessageAsync(IPage page, string text)
    {
        await FocusTranscriptAsync(page);
        await page.Keyboard.PressAsync("Home");
        for (var i = 0; i < 80 && !(await ActiveMessageTextAsync(page)).Contains(text, StringComparison.Ordinal); i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        Assert.Contains(text, await ActiveMessageTextAsync(page), StringComparison.Ordinal);
        await page.Keyboard.PressAsync("Enter");
    }

    private static Task<string> ActiveMessageTextAsync(IPage page) =>
        page.EvaluateAsync<string>("() => document.querySelector('.webchat__basic-transcript__activity--focus, .webchat__basic-transcript__activity[aria-activedescendant], .webchat__basic-transcript__activity-indicator--focus')?.closest('.webchat__basic-transcript__activity')?.innerText || document.getElementById(document.activeElement.getAttribute('aria-activedescendant'))?.innerText || ''");

    /// <summary>Shift+Tab from the send box (past the suggested actions) to the transcript.</summary>
    private static async Task FocusTranscriptAsync(IPage page)
    {
        await FocusSendBoxAsync(page);
        for (var i = 0; i < 10 && !await page.EvaluateAsync<bool>("() => document.activeElement?.classList.contains('webchat__basic-transcript')"); i++)
        {
            await page.Keyboard.PressAsync("Shift+Tab");
        }

        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement?.classList.contains('webchat__basic-transcript')"), $"the transcript was not reached; focus is on '{await FocusedAsync(page)}'");
    }

    /// <summary>The send box has focus after each message; Tab order from the page's start reaches it otherwise.</summary>
    private static async Task FocusSendBoxAsync(IPage page)
    {
        for (var i = 0; i < 60 && !await page.EvaluateAsync<bool>("() => document.activeElement?.dataset.id === 'webchat-sendbox-input'"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }
    }

    /// <summary>Presses <paramref name="key"/> until the focused element's name (or class) starts with <paramref name="name"/>.</summary>
    private static async Task TabToAsync(IPage page, string name, string key = "Tab")
    {
        for (var i = 0; i < 60; i++)
        {
            if ((await FocusedAsync(page)).StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            await page.Keyboard.PressAsync(key);
        }

        Assert.Fail($"'{name}' was not reached with {key}; focus is on '{await FocusedAsync(page)}'");
    }

    private static Task<string> FocusedAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
          const e = document.activeElement;
          const labelledBy = (e.getAttribute('aria-labelledby') || '').split(' ').map(id => document.getElementById(id)?.textContent || '').join(' ').trim();
          const label = e.labels && e.labels.length ? e.labels[0].textContent : '';
          return (labelledBy || e.getAttribute('aria-label') || label || (e.tagName === 'BUTTON' ? e.textContent : '') || e.tagName).trim().replace(/\s+/g, ' ');
        }
        """);

    /// <summary>Does something that sends, then waits until the bot's replies have arrived and the transcript is still.</summary>
    private static async Task AfterAsync(IPage page, Func<Task> action)
    {
        var activities = page.Locator(".webchat__basic-transcript__activity");
        var before = await activities.CountAsync();
        await action();
        await WaitUntilAsync(async () => await activities.CountAsync() > before, "a reply");
        for (var count = -1; count != await activities.CountAsync();)
        {
            count = await activities.CountAsync();
            await Task.Delay(250);
        }
    }
}
