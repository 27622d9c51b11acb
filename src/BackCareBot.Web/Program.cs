using BackCareBot.Web.Bot;
using BackCareBot.Web.DirectLine;

var builder = WebApplication.CreateBuilder(args);
builder.AddBot();
builder.AddDirectLine();

var app = builder.Build();
app.MapWebChat();
app.MapBot();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
