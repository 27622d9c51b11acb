namespace BackCareBot.Web.Hosting;

/// <summary>Creates the web application builder for the bot's hosts (the bot itself and the benchmark host).</summary>
public static class BotApplication
{
    /// <summary>
    /// <see cref="WebApplication.CreateBuilder(string[])"/> without reloading configuration files on change.
    /// </summary>
    /// <remarks>
    /// Reloading puts a recursive file watcher (inotify) on the content root, which is the working directory: from
    /// the repository that is thousands of folders (node_modules included), about 100-150 ms of CPU at start-up and
    /// ~5 MB of memory. Nothing in the bot reads options through IOptionsMonitor, so a changed appsettings.json only
    /// takes effect on restart, as it does on App Service. Passing <c>--hostBuilder:reloadConfigOnChange=true</c>
    /// (later arguments win) turns reloading back on.
    /// </remarks>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
        // The one clock: turns, check-ins, tokens and Direct Line all read time from it, so tests can move it.
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
