using System.IO.Compression;

namespace BackCareBot.Dialogs.State;

/// <summary>
/// How <see cref="SqliteStateStore"/> keeps a document on its B-tree leaf when asked to (<c>Storage:CompressLongDocuments</c>):
/// one too long for the leaf is stored compressed (raw Deflate, zlib level 1), with its length in the row's <c>size</c>
/// column; any other is stored as it is, with size 0. Rows with a size are read back whatever the setting.
/// </summary>
/// <remarks>
/// A row of the state table (WITHOUT ROWID) keeps at most about a quarter of a page on its leaf (2,030 bytes of an
/// 8 KB page) and puts the rest on an overflow page. A state with its pending replies (4 KB on average in the bench
/// conversation, up to 26 KB) spills, and the write without them frees the overflow page again, so every turn
/// allocated and freed one: the overflow page, the freelist trunk and page 1 (the freelist count) went to the WAL at
/// both writes, 3.4 of the 7.4 pages a turn wrote. Compressed (to about a quarter: JSON with repeated names and
/// card text: to 39% in the bench conversation), such a document mostly stays on its leaf. A document that would fit
/// is not compressed: it costs CPU and saves no page. Off by default: each compression sets up a native Deflate
/// state, and the bot's peak RSS under load was 15-30 MB higher with it.
/// </remarks>
internal static class SqliteDocumentCodec
{
    /// <summary>Largest local payload of a row on a leaf of an index B-tree (SQLite's file format, "maxLocal").</summary>
    public static int MaxLocal(int pageSize) => ((pageSize - 12) * 64 / 255) - 23;

    /// <summary>
    /// The bytes to store and the size to record: compressed when <paramref name="document"/> (with
    /// <paramref name="overhead"/> bytes of key and columns) would not fit in <paramref name="maxLocal"/> and
    /// compressing makes it shorter; otherwise the document itself and 0.
    /// </summary>
    public static (byte[] Stored, int Size) Pack(ReadOnlySpan<byte> document, int overhead, int maxLocal)
    {
        if (document.Length + overhead <= maxLocal)
        {
            return (document.ToArray(), 0);
        }

        using var output = new MemoryStream(document.Length / 2);
        using (var deflate = new DeflateStream(output, new ZLibCompressionOptions { CompressionLevel = 1 }, leaveOpen: true))
        {
            deflate.Write(document);
        }

        return output.Length < document.Length ? (output.ToArray(), document.Length) : (document.ToArray(), 0);
    }

    /// <summary>The document that <see cref="Pack"/> stored as <paramref name="stored"/> with <paramref name="size"/>.</summary>
    public static byte[] Unpack(byte[] stored, long size)
    {
        if (size == 0)
        {
            return stored;
        }

        var document = new byte[size];
        using var deflate = new DeflateStream(new MemoryStream(stored), CompressionMode.Decompress);
        deflate.ReadExactly(document);
        return document;
    }
}
