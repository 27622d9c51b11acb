using BackCareBot.Web.Bot;

var builder = WebApplication.CreateBuilder(args);
builder.AddBot();

var app = builder.Build();
if (!app.HasValidBotSettings())
{
    return 1;
}

app.MapBot();
app.Run();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
