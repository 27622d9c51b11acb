using Azure.Identity;
using Azure.Storage.Blobs;
using BackCareBot.Care;
using BackCareBot.Care.Content;
using BackCareBot.Dialogs.State;
using BackCareBot.Protocol.Auth;
using BackCareBot.Web.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace BackCareBot.Web.Care;

public static partial class CareRegistration
{
    /// <summary>Content from dialogs/ (checked at start-up), the state store, and the morning check-in scheduler.</summary>
    public static WebApplicationBuilder AddCare(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CareOptions>().Bind(builder.Configuration.GetSection("Care")).ValidatedBy<CareOptions, CareOptionsValidator>();
        builder.Services.AddOptions<StateStorageOptions>().Bind(builder.Configuration.GetSection("Storage")).ValidatedBy<StateStorageOptions, StateStorageOptionsValidator>();
        builder.Services.AddSingleton(services => LoadContent(services.GetRequiredService<IOptions<CareOptions>>().Value));
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<CareOptions>>().Value);
        builder.Services.AddSingleton<PictureAddress>();
        builder.Services.AddSingleton(services => CreateStore(services.GetRequiredService<IOptions<StateStorageOptions>>().Value, builder.Environment.ContentRootPath));
        builder.Services.AddHostedService<CheckInScheduler>();
        return builder;
    }

    /// <summary>Serves the exercise pictures the cards link to under /images/.</summary>
    public static WebApplication MapCareImages(this WebApplication app)
    {
        // Without Care:PublicUrl the cards link to the address the server actually bound (a free port in tests).
        var pictures = app.Services.GetRequiredService<PictureAddress>();
        var bot = app.Services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value;
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            pictures.ServerStarted([.. app.Urls]);
            // Teams shows card pictures only from public HTTPS addresses; anonymous local use is fine with http.
            if (!string.IsNullOrEmpty(bot.MicrosoftAppId) && !pictures.BaseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                LogPicturesNotHttps(app.Logger);
            }
        });
        var content = app.Services.GetRequiredService<CareContent>();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(content.Folder, "images")),
            RequestPath = "/images",
        });
        return app;
    }

    private static CareContent LoadContent(CareOptions options)
    {
        var content = CareContent.Load(options.ContentFolder ?? CareContent.DefaultFolder);
        var problems = ContentValidator.Validate(content);
        return problems.Count == 0
            ? content
            : throw new ContentException(content.Folder, "the content has problems:\n" + string.Join('\n', problems));
    }

    internal static IStateStore CreateStore(StateStorageOptions options, string contentRoot) => options.Kind switch
    {
        StateStorageKind.Memory => new MemoryStateStore(),
        StateStorageKind.Blob => new BlobStateStore(BlobContainer(options.Blob)),
        _ => new SqliteStateStore(Path.GetFullPath(options.DataFolder, contentRoot)),
    };

    // StateStorageOptionsValidator has checked at start-up that Blob storage has one of the two.
    private static BlobContainerClient BlobContainer(BlobStorageOptions blob) =>
        blob.ConnectionString is { Length: > 0 } connectionString
            ? new BlobContainerClient(connectionString, blob.Container)
            : new BlobServiceClient(blob.ServiceUri!, new DefaultAzureCredential()).GetBlobContainerClient(blob.Container);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Care:PublicUrl is not an https address: Teams will not show the exercise pictures. Set it to the bot's public https address")]
    private static partial void LogPicturesNotHttps(ILogger logger);
}
