using System.Text;
using BackCareBot.Dialogs.State;

namespace BackCareBot.Dialogs.Tests;

/// <summary>
/// <c>Storage:CompressLongDocuments</c>: a document too long for its leaf page stored compressed, with its length in the
/// <c>size</c> column, and read back as written by any store; every other document stored as it is.
/// </summary>
public sealed class SqliteDocumentCompressionTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bcb-sqlite-packed-" + Guid.NewGuid().ToString("N"));

    /// <summary>A state with its replies: 6.7 KB of JSON, more than a row keeps on an 8 KB leaf (2,030 bytes).</summary>
    private static readonly byte[] LongDocument =
        Encoding.UTF8.GetBytes("{\"replies\":[" + string.Join(",", Enumerable.Range(0, 150).Select(i => $"{{\"type\":\"message\",\"text\":\"Reply number {i}\"}}")) + "]}");

    [Fact]
    public async Task With_compression_a_document_too_long_for_its_leaf_is_stored_compressed_and_read_back_as_written()
    {
        string etag;
        StoredState? read;
        using (var store = new SqliteStateStore(_folder, compressLongDocuments: true))
        {
            etag = await store.WriteAsync("conversation/msteams/long", LongDocument, null, pending: true, default);
            read = await store.ReadAsync("conversation/msteams/long", default);
        }

        Assert.True(LongDocument.Length > 6000);
        Assert.Equal(LongDocument, read!.Data);
        Assert.Equal(etag, read.ETag);
        var (stored, size) = StoredRow(_folder, "conversation/msteams/long");
        Assert.Equal(LongDocument.Length, size);
        Assert.True(stored < 1800, $"{stored} bytes stored");

        // Read back, and rewritten as it is, by a store with compression off.
        using var plain = new SqliteStateStore(_folder);
        Assert.Equal(LongDocument, (await plain.ReadAsync("conversation/msteams/long", default))!.Data);
        await plain.WriteAsync("conversation/msteams/long", LongDocument, etag, default);
        plain.Dispose();
        Assert.Equal((LongDocument.Length, 0L), StoredRow(_folder, "conversation/msteams/long"));
    }

    [Fact]
    public async Task With_compression_short_and_incompressible_documents_are_stored_as_they_are()
    {
        var random = new byte[6000];
        new Random(7).NextBytes(random);
        StoredState? read;
        using (var store = new SqliteStateStore(_folder, compressLongDocuments: true))
        {
            await store.WriteAsync("conversation/msteams/random", random, null, default);
            await store.WriteAsync("conversation/msteams/short", "{\"level\":\"5\"}"u8.ToArray(), null, default);
            read = await store.ReadAsync("conversation/msteams/random", default);
        }

        Assert.Equal(random, read!.Data);
        Assert.Equal((6000, 0L), StoredRow(_folder, "conversation/msteams/random"));
        Assert.Equal((13, 0L), StoredRow(_folder, "conversation/msteams/short"));
    }

    [Fact]
    public async Task By_default_long_documents_are_stored_as_they_are()
    {
        using (var store = new SqliteStateStore(_folder))
        {
            await store.WriteAsync("conversation/msteams/long", LongDocument, null, pending: true, default);
        }

        Assert.Equal((LongDocument.Length, 0L), StoredRow(_folder, "conversation/msteams/long"));
    }

    [Fact]
    public async Task A_file_from_before_compression_keeps_its_long_documents_readable()
    {
        var folder = Path.Combine(Path.GetTempPath(), "bcb-sqlite-old-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var document = Encoding.UTF8.GetBytes(new string('a', 5000));
        try
        {
            using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder, "backcarebot.db")};Pooling=False"))
            {
                old.Open();
                using var create = old.CreateCommand();
                create.CommandText = """
                    CREATE TABLE state (key TEXT PRIMARY KEY NOT NULL, data BLOB NOT NULL, version INTEGER NOT NULL, updated INTEGER NOT NULL, pending INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
                    INSERT INTO state VALUES ('conversation/msteams/old', $data, 3, 0, 1);
                    """;
                create.Parameters.AddWithValue("$data", document);
                create.ExecuteNonQuery();
            }

            using var upgraded = new SqliteStateStore(folder);
            var read = await upgraded.ReadAsync("conversation/msteams/old", default);
            var next = await upgraded.WriteAsync("conversation/msteams/old", document, read!.ETag, default);

            Assert.Equal(document, read.Data);
            Assert.Equal("3", read.ETag);
            Assert.Equal(document, (await upgraded.ReadAsync("conversation/msteams/old", default))!.Data);
            Assert.Equal("4", next);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The stored length of a row's data and its size column, read from the file once the store is closed.</summary>
    private static (int Stored, long Size) StoredRow(string folder, string key)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder, "backcarebot.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT length(data), size FROM state WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return (reader.GetInt32(0), reader.GetInt64(1));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
