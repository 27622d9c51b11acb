using BackCareBot.Dialogs.State;
using BackCareBot.Protocol.Turns;
using BackCareBot.Web.Bot;
using BackCareBot.Web.Hosting;

namespace BackCareBot.Bench.Host;

/// <summary>
/// Hosts the benchmark waterfall behind the bot's own <c>/api/messages</c> endpoint (BotEndpoints.MapBot) with
/// SQLite state in the folder given as <c>--data</c>. Usage: <c>--urls http://127.0.0.1:3980 --data /tmp/x [--state-writes serialized | --state memory | --state sqlite-prepared]</c>.
/// The two options are experiments that locate where the time goes; the bot's own configuration is neither.
/// </summary>
public static class BenchHost
{
    public static void Main(string[] args)
    {
        var builder = BotApplication.CreateBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var dataFolder = builder.Configuration["data"] ?? Path.Combine(Path.GetTempPath(), "backcarebot-bench");
        builder.Services.AddSingleton(new SqliteStateStore(dataFolder));
        builder.Services.AddSingleton<IStateStore>(sp => builder.Configuration["state"] switch
        {
            "memory" => new MemoryStateStore(),
            "sqlite-prepared" => PreparedSqliteStore.Create(sp.GetRequiredService<SqliteStateStore>()),
            _ when builder.Configuration["state-writes"] == "serialized" => new SerializedWrites(sp.GetRequiredService<SqliteStateStore>()),
            _ => sp.GetRequiredService<SqliteStateStore>(),
        });
        // The bot's own registrations (settings, authentication, Connector, pipeline), with the waterfall as the bot.
        builder.AddBot();
        builder.Services.AddSingleton<IBot, WaterfallBot>();

        var app = builder.Build();
        app.MapBot();
        app.Run();
    }
}
