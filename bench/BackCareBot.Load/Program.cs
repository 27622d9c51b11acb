using System.Globalization;
using BackCareBot.Load;

// Usage: BackCareBot.Load --url http://127.0.0.1:3980/api/messages --label ours --users 32 --warmup 10 --duration 30
//        BackCareBot.Load --first-turn --url ... --since <unix ms>
var settings = LoadSettings.Parse(args);
using var handler = new SocketsHttpHandler
{
    MaxConnectionsPerServer = settings.Users,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    UseProxy = false,
    ConnectTimeout = TimeSpan.FromSeconds(5),
};
using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };

if (args.Contains("--first-turn"))
{
    var since = long.Parse(args[Array.IndexOf(args, "--since") + 1], CultureInfo.InvariantCulture);
    return await FirstTurn.RunAsync(client, settings.Url, since);
}

var result = await new LoadRun(client, settings).RunAsync();
using var stdout = Console.OpenStandardOutput();
result.WriteJson(stdout);
return 0;
