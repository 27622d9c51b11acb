using BackCareBot.Protocol.Auth;
using Microsoft.Extensions.Options;

namespace BackCareBot.Protocol.Tests;

public sealed class TrustedServiceUrlsTests
{
    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/", "https://smba.trafficmanager.net/emea/", true)]
    [InlineData("https://smba.trafficmanager.net/emea", "https://smba.trafficmanager.net/emea/", true)]
    [InlineData("https://smba.trafficmanager.net/emea/", "https://SMBA.trafficmanager.net/emea/", true)]
    [InlineData("https://smba.trafficmanager.net/emea/", "https://smba.trafficmanager.net/amer/", false)]
    [InlineData("https://smba.trafficmanager.net/emea/", "https://smba.trafficmanager.net.evil.example/emea/", false)]
    [InlineData("https://smba.trafficmanager.net/emea/", "http://127.0.0.1:5000/", false)]
    public void Only_service_urls_that_arrived_are_trusted_with_an_app_id(string arrived, string target, bool trusted)
    {
        var urls = new TrustedServiceUrls(Options.Create(new BotAuthenticationOptions { MicrosoftAppId = "app" }));

        urls.Trust(arrived);

        Assert.Equal(trusted, urls.IsTrusted(new Uri(target)));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/", true)]
    [InlineData("http://localhost:3979/", true)]
    [InlineData("https://smba.trafficmanager.net/emea/", false)]
    public void Anonymous_mode_also_allows_loopback(string target, bool trusted)
    {
        var urls = new TrustedServiceUrls(Options.Create(new BotAuthenticationOptions()));

        Assert.Equal(trusted, urls.IsTrusted(new Uri(target)));
    }
}
