using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using BackCareBot.Care;
using BackCareBot.Care.Content;
using BackCareBot.Care.Programme;
using BackCareBot.Dialogs.State;
using BackCareBot.Protocol.Auth;
using BackCareBot.Web.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        // Reading and checking dialogs/ is the largest part of start-up: it runs on the thread pool while the host is
        // built, and the content is taken from it once the options are checked. A folder configured later (tests) is
        // read then.
        var configured = builder.Configuration["Care:ContentFolder"];
        var early = Task.Run(() => LoadContent(configured));
        builder.Services.AddSingleton(services =>
            services.GetRequiredService<IOptions<CareOptions>>().Value.ContentFolder is var folder && folder == configured
                ? early.GetAwaiter().GetResult()
                : LoadContent(folder));
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<CareOptions>>().Value);
        builder.Services.AddSingleton<PictureAddress>();
        builder.Services.AddSingleton(services => CreateStore(services.GetRequiredService<IOptions<StateStorageOptions>>().Value, builder.Environment.ContentRootPath));
        builder.Services.AddOptions<CheckInOptions>().Bind(builder.Configuration.GetSection("CheckIn")).ValidatedBy<CheckInOptions, CheckInOptionsValidator>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services => CreateCheckInIndex(
            services.GetRequiredService<IOptions<StateStorageOptions>>().Value, services.GetRequiredService<IOptions<CheckInOptions>>().Value,
            builder.Environment.ContentRootPath, services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<CheckInScheduler>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CheckInScheduler>());
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

    private static CareContent LoadContent(string? folder)
    {
        var content = CareContent.Load(folder ?? CareContent.DefaultFolder);
        var problems = ContentValidator.Validate(content);
        return problems.Count == 0
            ? content
            : throw new ContentException(content.Folder, "the content has problems:\n" + string.Join('\n', problems));
    }

    internal static IStateStore CreateStore(StateStorageOptions options, string contentRoot) => options.Kind switch
    {
        StateStorageKind.Memory => new MemoryStateStore(),
        StateStorageKind.Blob => new BlobStateStore(BlobContainer(options.Blob)),
        _ => new SqliteStateStore(
            Path.GetFullPath(options.DataFolder, contentRoot),
            options.CheckpointPages,
            options.BackgroundCheckpointMs > 0 ? TimeSpan.FromMilliseconds(options.BackgroundCheckpointMs) : null,
            options.CompressLongDocuments),
    };

    /// <summary>The due-time index beside the store: its own SQLite file, blobs and a queue on the same account, or memory.</summary>
    internal static ICheckInIndex CreateCheckInIndex(StateStorageOptions storage, CheckInOptions checkIn, string contentRoot, TimeProvider time) => storage.Kind switch
    {
        StateStorageKind.Memory => new MemoryCheckInIndex(),
        StateStorageKind.Blob => new QueueCheckInIndex(BlobContainer(storage.Blob, checkIn.Container), CheckInQueue(storage.Blob, checkIn.Queue), time),
        _ => new SqliteCheckInIndex(Path.GetFullPath(storage.DataFolder, contentRoot)),
    };

    private static BlobContainerClient BlobContainer(BlobStorageOptions blob, string? container = null) =>
        blob.ConnectionString is { Length: > 0 } connectionString
            ? new BlobContainerClient(connectionString, container ?? blob.Container)
            : new BlobServiceClient(ServiceUri(blob), new DefaultAzureCredential()).GetBlobContainerClient(container ?? blob.Container);

    private static QueueClient CheckInQueue(BlobStorageOptions blob, string queue) =>
        blob.ConnectionString is { Length: > 0 } connectionString
            ? new QueueClient(connectionString, queue)
            : new QueueServiceClient(new UriBuilder(ServiceUri(blob)) { Host = ServiceUri(blob).Host.Replace(".blob.", ".queue.", StringComparison.Ordinal) }.Uri, new DefaultAzureCredential())
                .GetQueueClient(queue);

    private static Uri ServiceUri(BlobStorageOptions blob) =>
        blob.ServiceUri ?? throw new OptionsValidationException("Storage", typeof(BlobStorageOptions), ["Storage:Blob:ServiceUri or Storage:Blob:ConnectionString is required when Storage:Kind is Blob."]);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Care:PublicUrl is not an https address: Teams will not show the exercise pictures. Set it to the bot's public https address")]
    private static partial void LogPicturesNotHttps(ILogger logger);
}
