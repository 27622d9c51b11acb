using BackCareBot.Load;

// Usage: BackCareBot.Load --url http://127.0.0.1:3980/api/messages --label ours --users 8 --warmup 10 --duration 30
//        [--script bench/conversation.json] [--connector-port 3990]
//        BackCareBot.Load --fill <data folder> --conversations 100000 --template <backcarebot.db> [--checkin-percent 10]
//        BackCareBot.Load --fill-checkins <data folder> --pending 1000000
if (args.Contains("--fill-checkins"))
{
    return FillCheckIns.Run(args);
}

if (args.Contains("--fill"))
{
    return await Fill.RunAsync(args);
}

var settings = LoadSettings.Parse(args);
await using var connector = await ConnectorStandIn.StartAsync(settings.ConnectorPort);
var script = Script.Load(settings.ScriptPath, $"http://127.0.0.1:{settings.ConnectorPort}/");
using var handler = new SocketsHttpHandler
{
    MaxConnectionsPerServer = settings.Users,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    UseProxy = false,
    ConnectTimeout = TimeSpan.FromSeconds(5),
};
using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };

var result = await new LoadRun(client, settings, script, connector).RunAsync();
using var stdout = Console.OpenStandardOutput();
result.WriteJson(stdout);
return 0;
