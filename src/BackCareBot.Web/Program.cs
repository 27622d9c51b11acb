using BackCareBot.Web.Bot;

var builder = WebApplication.CreateBuilder(args);
builder.AddBot();

var app = builder.Build();
app.MapBot();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
