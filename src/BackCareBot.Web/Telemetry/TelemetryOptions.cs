namespace BackCareBot.Web.Telemetry;

/// <summary>Section "Telemetry": where traces, metrics and logs go (README, "Telemetry").</summary>
public sealed class TelemetryOptions
{
    /// <summary>
    /// An OTLP collector (e.g. http://localhost:4317 for gRPC, http://localhost:4318 with <see cref="OtlpProtocol"/>
    /// http/protobuf). The standard OTEL_EXPORTER_OTLP_ENDPOINT works too.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>grpc (default) or http/protobuf.</summary>
    public string? OtlpProtocol { get; set; }

    /// <summary>Records traces and metrics with no exporter configured (for a listener in the process, such as tests).</summary>
    public bool Enabled { get; set; }

    public string ServiceName { get; set; } = "BackCareBot";
}
