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

    /// <summary>
    /// SQLite's WAL auto-checkpoint threshold in pages (8 KB): a commit that brings the WAL to this size copies it
    /// into the database file and syncs both, holding the store's one connection meanwhile (bench/README.md, "The
    /// p99 tail").
    /// </summary>
    public int CheckpointPages { get; set; } = SqliteStateStore.DefaultCheckpointPages;

    /// <summary>
    /// When above 0, a second SQLite connection checkpoints the WAL every this many milliseconds in which something was
    /// written, beside the writer (and the file is opened in normal locking mode); 0 leaves checkpoints to the commits.
    /// </summary>
    public int BackgroundCheckpointMs { get; set; }

    /// <summary>
    /// Whether SQLite stores a document too long for its leaf page (a state holding its replies) compressed: 39% fewer
    /// WAL pages per turn, the same store CPU, but ~15-30 MB more peak RSS under load, so off by default (bench/README.md,
    /// "Which pages a turn writes"). Documents stored compressed are read either way.
    /// </summary>
    public bool CompressLongDocuments { get; set; }

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
