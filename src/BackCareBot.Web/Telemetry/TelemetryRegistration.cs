using System.Runtime.CompilerServices;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using BackCareBot.Dialogs.State;
using BackCareBot.Protocol.Connector;
using BackCareBot.Protocol.Turns;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace BackCareBot.Web.Telemetry;

public static class TelemetryRegistration
{
    /// <summary>The Azure Monitor connection string App Service sets (the Bicep passes it).</summary>
    public const string AzureMonitorSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// Turn, store and Connector spans and metrics (always recorded into <see cref="BotTelemetry"/>; exported only when
    /// an exporter is configured): OTLP when Telemetry:OtlpEndpoint or OTEL_EXPORTER_OTLP_ENDPOINT is set, Azure
    /// Monitor when APPLICATIONINSIGHTS_CONNECTION_STRING is. Call after AddBot and AddCare.
    /// </summary>
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var options = new TelemetryOptions();
        builder.Configuration.GetSection("Telemetry").Bind(options);
        var otlp = options.OtlpEndpoint is { Length: > 0 } endpoint ? endpoint : builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var azureMonitor = builder.Configuration[AzureMonitorSetting];

        builder.Services.AddSingleton<ITurnMiddleware, TurnTelemetry>();
        DecorateStore(builder.Services);
        builder.Services.AddTransient<ConnectorCallTelemetry>();
        builder.Services.AddTransient<ConnectorAttemptTelemetry>();
        // The typed Connector client's own name: the call handler goes outside its retries, the attempt handler inside.
        builder.Services.AddHttpClient(nameof(ConnectorClient))
            .ConfigureAdditionalHttpMessageHandlers(static (handlers, services) => handlers.Insert(0, services.GetRequiredService<ConnectorCallTelemetry>()))
            .AddHttpMessageHandler<ConnectorAttemptTelemetry>();

        if (string.IsNullOrEmpty(otlp) && string.IsNullOrEmpty(azureMonitor) && !options.Enabled)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithTracing(tracing => tracing
                .AddSource(BotTelemetry.Name)
                .AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = http => http.Request.Path.Value is not ("/healthz" or "/readyz"))
                // First, so every exporter (Azure Monitor's too) gets the redacted attributes.
                .AddProcessor(new RedactingProcessor()))
            .WithMetrics(metrics => metrics.AddMeter(BotTelemetry.Name));

        if (!string.IsNullOrEmpty(otlp))
        {
            void Otlp(OtlpExporterOptions exporter)
            {
                exporter.Endpoint = new Uri(otlp);
                exporter.Protocol = options.OtlpProtocol is "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
            }

            telemetry.WithTracing(tracing => tracing.AddOtlpExporter(Otlp))
                .WithMetrics(metrics => metrics.AddOtlpExporter(Otlp))
                .WithLogging(logging => logging.AddOtlpExporter(Otlp));
        }

        if (!string.IsNullOrEmpty(azureMonitor))
        {
            UseAzureMonitor(telemetry, azureMonitor);
        }

        return builder;
    }

    /// <summary>
    /// In a method of its own, not inlined: the Azure Monitor exporter and Azure.Core (~2 MB of code) are loaded only
    /// when the connection string is set, not by every start that compiles <see cref="AddTelemetry"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void UseAzureMonitor(OpenTelemetryBuilder telemetry, string connectionString) =>
        telemetry.UseAzureMonitor(monitor => monitor.ConnectionString = connectionString);

    private static void DecorateStore(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IStateStore))
            ?? throw new InvalidOperationException("AddTelemetry needs the state store registered first (AddCare).");
        services.Remove(registered);
        services.AddSingleton<IStateStore>(provider =>
        {
            var inner = registered.ImplementationInstance as IStateStore
                ?? registered.ImplementationFactory?.Invoke(provider) as IStateStore
                ?? (IStateStore)ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!);
            return new InstrumentedStateStore(inner, inner switch
            {
                SqliteStateStore => "sqlite",
                BlobStateStore => "blob",
                MemoryStateStore => "memory",
                _ => "other",
            });
        });
    }
}
