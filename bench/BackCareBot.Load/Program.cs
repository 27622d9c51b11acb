using BackCareBot.Load;

// Usage: BackCareBot.Load --url http://127.0.0.1:3980/api/messages --label ours --users 8 --warmup 10 --duration 30
//        [--script bench/conversation.json] [--connector-port 3990] [--bot-pid <pid>: the bot's CPU in the measured window]
//        [--samples <file.csv>: every measured turn: user, step, start, end, latency]
//        BackCareBot.Load --fill <data folder> --conversations 100000 --template <backcarebot.db> [--checkin-percent 10]
//        BackCareBot.Load --fill-checkins <data folder> --pending 1000000
//        BackCareBot.Load --record --url http://127.0.0.1:3982/api/messages --answers bench/answers.json
//                         --script-out bench/conversation.json --replies-out bench/botbuilder-js/replies.json
if (args.Contains("--fill-checkins"))
{
    return FillCheckIns.Run(args);
}

if (args.Contains("--record"))
{
    return await Record.RunAsync(args);
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
if (result.AllFailures > 0)
{
    // The figures are still written, but a run whose replies do not match the script is not a result.
    Console.Error.WriteLine($"{settings.Label}: {result.AllFailures} turns did not get the replies bench/conversation.json expects (re-record it: bench/record.sh)");
    return 3;
}

return 0;
