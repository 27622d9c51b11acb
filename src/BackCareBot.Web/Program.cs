using BackCareBot.Web.Bot;
using BackCareBot.Web.Care;
using BackCareBot.Web.DirectLine;
using BackCareBot.Web.Hosting;
using BackCareBot.Web.Telemetry;

var builder = BotApplication.CreateBuilder(args);
builder.AddBot();
builder.AddCare();
builder.AddPrivateLinks();
builder.AddDirectLine();
builder.AddTelemetry();

var app = builder.Build();
if (!app.HasValidSettings() || !app.HasValidBotSettings())
{
    return 1;
}

app.MapWebChat();
app.MapBot();
app.MapReadiness();
app.MapCareImages();
app.MapPrivateLinks();
app.Run();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
