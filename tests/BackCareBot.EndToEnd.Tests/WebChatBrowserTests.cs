using Microsoft.Playwright;
using static BackCareBot.EndToEnd.Tests.WebChat;

namespace BackCareBot.EndToEnd.Tests;

/// <summary>The official Web Chat, served by the bot, in Chromium: greeting, typing, buttons, cards, reload.</summary>
public sealed class WebChatBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Consent = "Is that OK with you? Shall we start?";

    // Part of the real bot's greeting without the apostrophe, which Web Chat's Markdown renders typographically.
    private const string Greeting = "If your lower back is sore when you wake up";

    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public async Task A_user_types_clicks_a_suggested_action_and_a_card_button_and_sees_the_replies(string transport)
    {
        await using var host = await BotHost.StartWithCardsAsync();
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 900, Height = 900 } });
        var page = await context.NewPageAsync();
        var policyViolations = WatchForPolicyViolations(page);

        await page.GotoAsync(host.Address + (transport == "polling" ? "?transport=polling" : string.Empty));
        await Shown(page, Greeting).First.WaitForAsync();

        await SendAsync(page, "show card");
        await page.Locator(".ac-adaptiveCard").WaitForAsync();
        await Shown(page, "How do you usually fall asleep?").First.WaitForAsync();

        await page.Locator(".ac-adaptiveCard").GetByRole(AriaRole.Button, new() { Name = "On my side" }).ClickAsync();
        await Shown(page, "Card answer: side").First.WaitForAsync();
        await Shown(page, "You answered: On my side").WaitForAsync();

        await SendAsync(page, "show card");
        await page.Locator(".webchat__suggested-actions").GetByRole(AriaRole.Button, new() { Name = "On my back" }).First.ClickAsync();
        await Shown(page, "Suggested answer: on my back").First.WaitForAsync();

        // Each sent message was echoed with an id, so none stays "Sending" or turns "Send failed".
        await WaitUntilAsync(async () => await Shown(page, "Sending").CountAsync() == 0);
        Assert.Equal(0, await Shown(page, "Send failed").CountAsync());
        Assert.Empty(policyViolations);

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath($"webchat-{transport}.png") });
    }

    [Fact]
    public async Task An_update_replaces_the_card_in_place()
    {
        await using var host = await BotHost.StartWithCardsAsync();
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await OpenChatAsync(context, host);

        await SendAsync(page, "show card");
        await Shown(page, "How do you usually fall asleep?").First.WaitForAsync();
        await SendAsync(page, "update card");
        await Shown(page, "Thanks, noted.").First.WaitForAsync();

        Assert.Equal(0, await Shown(page, "How do you usually fall asleep?").CountAsync());
        Assert.Equal(1, await page.Locator(".ac-adaptiveCard").CountAsync());
    }

    [Fact]
    public async Task Reloading_the_page_continues_the_same_conversation()
    {
        await using var host = await BotHost.StartAsync();
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await OpenChatAsync(context, host);
        await SendAsync(page, "remember this line");
        await Shown(page, "remember this line").First.WaitForAsync();
        var before = await ConversationIdAsync(page);
        // Activities, not text matches: Web Chat also copies a newly arrived message into its screen-reader region.
        var greetings = page.Locator(".webchat__basic-transcript__activity").Filter(new() { HasText = Greeting });
        var greetingsBefore = await greetings.CountAsync();
        Assert.True(greetingsBefore > 0, "no greeting before the reload");

        await page.ReloadAsync();
        await Shown(page, "remember this line").First.WaitForAsync();

        Assert.Equal(before, await ConversationIdAsync(page));
        await Task.Delay(1000);
        Assert.Equal(greetingsBefore, await greetings.CountAsync()); // resumed, not greeted again
    }

    [Fact]
    public async Task The_language_switch_sets_the_message_locale_and_start_over_sends_start_over()
    {
        await using var host = await BotHost.StartAsync();
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var page = await OpenChatAsync(context, host);

        await Shown(page, Consent).First.WaitForAsync();

        await page.ClickAsync("#locale-zh");
        // Locator waits, not WaitForFunction: a string predicate is polled through eval, which the page's CSP refuses.
        await page.Locator("html[lang='zh-CN']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        // The bot's own command: it answers in Chinese and asks the open question (consent) again, in Chinese.
        await Shown(page, "好的，我会说中文。").First.WaitForAsync();
        await Shown(page, "你同意吗？可以开始了吗？").First.WaitForAsync();
        await page.Locator("[data-id='webchat-sendbox-input'][placeholder='键入消息']").WaitForAsync();
        await SendAsync(page, "你好");
        await page.ClickAsync("#start-over");
        await Shown(page, "start over").First.WaitForAsync();

        var locales = await SentAsync(page);
        Assert.Contains("中文|zh-CN", locales);
        Assert.Contains("你好|zh-CN", locales);
        Assert.Contains("start over|zh-CN", locales);
    }

    [Fact]
    public async Task The_page_is_served_locally_under_a_content_security_policy()
    {
        await using var host = await BotHost.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Address };

        using var page = await http.GetAsync("/");
        using var bundle = await http.GetAsync("/webchat/webchat.js");
        var html = await page.Content.ReadAsStringAsync();
        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));

        Assert.Equal(System.Net.HttpStatusCode.OK, bundle.StatusCode);
        Assert.True(bundle.Content.Headers.ContentLength > 1_000_000, "the prebuilt Web Chat bundle is served");
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains($"connect-src 'self' ws://{host.Address.Authority}", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("<script>", html);
    }

    [Fact]
    public async Task A_new_user_answers_the_real_bot_and_reaches_exercise_cards_whose_buttons_work()
    {
        await using var host = await BotHost.StartAsync();
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 900, Height = 1400 } });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var page = await OpenChatAsync(context, host);
        var policyViolations = WatchForPolicyViolations(page);

        // As a new user answers: consent, the scope form (three questions, one Send), "None of these" on each
        // warning-sign checklist (the accident question is a single Yes / No / Not sure), then the sleep and pain
        // questions with their buttons, up to the pain score.
        await SuggestedAsync(page, "Yes");
        var scope = Cards(page).Filter(new() { HasText = "How old are you?" }).Last;
        await scope.GetByLabel("16 to 49", new() { Exact = true }).CheckAsync();
        await scope.GetByLabel("No", new() { Exact = true }).Nth(0).CheckAsync();
        await scope.GetByLabel("No", new() { Exact = true }).Nth(1).CheckAsync();
        await scope.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        foreach (var heading in new[] { "Now some safety questions", "The nerves at the bottom of your spine", "Your health history" })
        {
            await Cards(page).Filter(new() { HasText = heading }).Last.GetByRole(AriaRole.Button, new() { Name = "None of these" }).ClickAsync();
        }

        await SuggestedAsync(page, "No");
        await Cards(page).Filter(new() { HasText = "How the pain behaves" }).Last.GetByRole(AriaRole.Button, new() { Name = "None of these" }).ClickAsync();
        foreach (var (question, answer) in new[] { ("How do you usually sleep?", "On my back"), ("Where do you use pillows?", "Under my knees"), ("What is your mattress like?", "Medium"), ("Where does it hurt most?", "Middle of my lower back") })
        {
            await Cards(page).Filter(new() { HasText = question }).Last.GetByRole(AriaRole.Button, new() { Name = answer }).ClickAsync();
        }

        await SuggestedAsync(page, "Less than 30 minutes");
        await SuggestedAsync(page, "Neither");
        await Shown(page, "How bad is your back pain right now").First.WaitForAsync();

        // The pain card checks its input before anything is sent: empty gets the card's own error message.
        var painCard = page.Locator(".ac-adaptiveCard").Last;
        var sentBefore = await page.Locator(".webchat__basic-transcript__activity").CountAsync();
        await painCard.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await painCard.GetByText("Please enter a whole number from 0 to 10.").WaitForAsync();
        Assert.Equal(sentBefore, await page.Locator(".webchat__basic-transcript__activity").CountAsync());
        await painCard.Locator("input").FillAsync("3");
        await painCard.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        var exercise = page.Locator(".ac-adaptiveCard").Filter(new() { HasText = "Knee rolls (lower back twist)" }).First;
        await exercise.WaitForAsync();
        // How long a new user takes from opening the page to the exercise cards, clicking as fast as the page allows.
        chromium.Report($"A new user reached the exercise cards {clock.Elapsed.TotalSeconds:F1} s after opening the page");
        var picture = exercise.Locator("img").First;
        await WaitUntilAsync(() => picture.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        await exercise.GetByRole(AriaRole.Button, new() { Name = "Easier" }).ClickAsync();
        await exercise.GetByText("Smaller movement, a pillow between your knees").WaitForAsync();
        await exercise.ScrollIntoViewIfNeededAsync();
        await exercise.ScreenshotAsync(new LocatorScreenshotOptions { Path = Chromium.ArtifactPath("webchat-exercise-card.png") });
        await exercise.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Shown(page, "Well done. Keep it up").First.WaitForAsync();

        Assert.Empty(policyViolations);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ArtifactPath("webchat-exercises.png") });
    }

    [Theory]
    [InlineData("zh-CN", "你好，我是护腰助手。")]
    [InlineData("zh-TW", "你好，我是护腰助手。")]
    [InlineData("fr-FR", Greeting)]
    [InlineData("en-GB", Greeting)]
    public async Task The_first_conversation_speaks_the_browsers_language_when_the_bot_speaks_it(string browserLocale, string welcome)
    {
        await using var host = await BotHost.StartAsync();
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = browserLocale });

        var page = await WebChat.OpenAsync(context, host);

        await Shown(page, welcome).First.WaitForAsync();
        Assert.Equal(browserLocale.StartsWith("zh", StringComparison.Ordinal) ? "zh-CN" : "en-US", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
    }

    [Fact]
    public async Task The_saved_language_wins_over_the_browsers()
    {
        await using var host = await BotHost.StartAsync();
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.Address + "healthz");
        await page.EvaluateAsync("() => localStorage.setItem('backcarebot.locale', 'en-US')");

        await page.GotoAsync(host.Address.ToString());

        await Shown(page, Greeting).First.WaitForAsync();
    }

    [Fact]
    public async Task Answered_cards_settle_so_that_an_old_card_cannot_be_pressed()
    {
        await using var host = await BotHost.StartAsync();
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US", ViewportSize = new() { Width = 900, Height = 1400 } });
        var page = await OpenChatAsync(context, host);
        foreach (var answer in new[] { "yes", "16 to 49", "no", "no", "no", "no", "no", "no", "no" })
        {
            await AnswerAsync(page, answer);
        }

        // Three questions answered with the cards' buttons.
        foreach (var (question, button) in new[] { ("How do you usually sleep?", "On my back"), ("Where do you use pillows?", "Under my knees"), ("What is your mattress like?", "Medium") })
        {
            var card = Cards(page).Filter(new() { HasText = question }).Last;
            await card.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
            await card.GetByText($"You answered: {button}").WaitForAsync();
        }

        await Shown(page, "Where does it hurt most?").First.WaitForAsync();
        var first = Cards(page).Filter(new() { HasText = "How do you usually sleep?" });
        var sent = await SentAsync(page);

        // The first card shows its answer and has nothing left to press: no button, no second answer sent.
        Assert.Equal(1, await first.CountAsync());
        Assert.Equal(0, await first.GetByRole(AriaRole.Button, new() { Name = "On my back" }).CountAsync());
        Assert.Equal(0, await first.GetByRole(AriaRole.Button).CountAsync());
        Assert.Equal(3, sent.Count(s => s.Contains("\"verb\":\"answer\"", StringComparison.Ordinal)));
        Assert.Equal(0, await Shown(page, "That question was already answered.").CountAsync());
        // The open question keeps its buttons.
        Assert.True(await Cards(page).Last.GetByRole(AriaRole.Button).CountAsync() >= 4);
    }

    [Fact]
    public async Task A_question_answered_by_typing_closes_its_card_and_a_reload_keeps_the_cards_settled()
    {
        await using var host = await BotHost.StartAsync();
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US", ViewportSize = new() { Width = 900, Height = 1400 } });
        var page = await OpenChatAsync(context, host);
        foreach (var answer in new[] { "yes", "16 to 49", "no", "no", "no", "no", "no", "no", "no" })
        {
            await AnswerAsync(page, answer);
        }

        var sleep = Cards(page).Filter(new() { HasText = "How do you usually sleep?" });
        await sleep.GetByRole(AriaRole.Button, new() { Name = "On my side" }).ClickAsync();
        await AnswerAsync(page, "why");
        await AnswerAsync(page, "no pillow");

        var pillows = Cards(page).Filter(new() { HasText = "Where do you use pillows?" });
        Assert.Equal(2, await pillows.CountAsync());
        await pillows.First.GetByText("This question is closed.").WaitForAsync();
        await pillows.Last.GetByText("You answered: No pillow").WaitForAsync();
        Assert.Equal(0, await pillows.GetByRole(AriaRole.Button).CountAsync());

        await page.ReloadAsync();
        await Shown(page, "What is your mattress like?").First.WaitForAsync();
        await WaitUntilAsync(async () => await Cards(page).Filter(new() { HasText = "How do you usually sleep?" }).GetByText("You answered: On my side").CountAsync() == 1, "the replayed card settled");
        Assert.Equal(0, await Cards(page).Filter(new() { HasText = "Where do you use pillows?" }).GetByRole(AriaRole.Button).CountAsync());
        Assert.True(await Cards(page).Last.GetByRole(AriaRole.Button).CountAsync() >= 4);
    }

    /// <summary>Presses a suggested action of the open question and waits until it is gone (the answer was sent).</summary>
    private static async Task SuggestedAsync(IPage page, string title)
    {
        var button = page.Locator(".webchat__suggested-actions").GetByRole(AriaRole.Button, new() { Name = title, Exact = true }).First;
        await button.ClickAsync();
    }

    /// <summary>Opens the page (English unless the context says otherwise) and waits for the real bot's greeting.</summary>
    private static async Task<IPage> OpenChatAsync(IBrowserContext context, BotHost host)
    {
        var page = await WebChat.OpenAsync(context, host);
        await Shown(page, Greeting).First.WaitForAsync();
        return page;
    }

    private static Task<string> ConversationIdAsync(IPage page) =>
        page.EvaluateAsync<string>("JSON.parse(localStorage.getItem('backcarebot.session')).conversationId");
}
