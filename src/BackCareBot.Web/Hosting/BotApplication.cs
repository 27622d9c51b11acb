namespace BackCareBot.Web.Hosting;

/// <summary>Creates the web application builder for the bot's hosts (the bot itself and the benchmark host).</summary>
public static class BotApplication
{
    /// <summary>
    /// <see cref="WebApplication.CreateSlimBuilder(string[])"/> without reloading configuration files on change.
    /// </summary>
    /// <remarks>
    /// <para>The slim builder leaves out what the bot does not use and would load at every start: Kestrel's HTTPS
    /// configuration (which looks for a default certificate at start), HTTP/3 over QUIC, IIS integration, the Debug
    /// and EventSource loggers and regex route constraints: less mapped code (bench/README.md, "Memory under load").
    /// The bot listens on HTTP behind App Service's front end, which ends TLS. Configuration, console logging, host
    /// filtering and forwarded headers are as with <see cref="WebApplication.CreateBuilder(string[])"/>.</para>
    /// <para>Reloading puts a recursive file watcher (inotify) on the content root, which is the working directory: from
    /// the repository that is thousands of folders (node_modules included), about 100-150 ms of CPU at start-up and
    /// ~5 MB of memory. Nothing in the bot reads options through IOptionsMonitor, so a changed appsettings.json only
    /// takes effect on restart, as it does on App Service. Passing <c>--hostBuilder:reloadConfigOnChange=true</c>
    /// (later arguments win) turns reloading back on.</para>
    /// </remarks>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
        // The one clock: turns, check-ins, tokens and Direct Line all read time from it, so tests can move it.
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
