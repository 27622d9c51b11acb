namespace BackCareBot.Dialogs.State;

public enum StateStorageKind
{
    Sqlite,
    Memory,
    Blob,
}

/// <summary>Where conversation state lives (section "Storage"): SQLite by default, Azure Blob Storage to scale out.</summary>
public sealed class StateStorageOptions
{
    public StateStorageKind Kind { get; set; } = StateStorageKind.Sqlite;

    /// <summary>The SQLite data folder, created on first run; relative paths are under the app's content root.</summary>
    public string DataFolder { get; set; } = ".data";

    public BlobStorageOptions Blob { get; set; } = new();
}

public sealed class BlobStorageOptions
{
    /// <summary>A connection string (Azurite, or a key-based account).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The account's blob endpoint, used with managed identity when there is no connection string.</summary>
    public Uri? ServiceUri { get; set; }

    public string Container { get; set; } = "botstate";
}
