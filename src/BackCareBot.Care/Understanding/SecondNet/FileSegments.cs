using System.Buffers;

namespace BackCareBot.Care.Understanding;

/// <summary>
/// A file read into a chain of 64 KB arrays for <see cref="System.Text.Json.Utf8JsonReader"/>: the second net's models
/// (1 MB English) read whole would each be one array on the large-object heap, garbage right after the start that
/// the bot would carry, committed, into its load.
/// </summary>
internal sealed class FileSegments : ReadOnlySequenceSegment<byte>
{
    private const int Size = 64 * 1024;

    private FileSegments(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    public static ReadOnlySequence<byte> Read(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        FileSegments? first = null, last = null;
        long read = 0;
        while (true)
        {
            var buffer = new byte[Size];
            var filled = file.ReadAtLeast(buffer, Size, throwOnEndOfStream: false);
            if (filled == 0 && first is not null)
            {
                break;
            }

            var segment = new FileSegments(buffer.AsMemory(0, filled), read);
            read += filled;
            if (last is null)
            {
                first = segment;
            }
            else
            {
                last.Next = segment;
            }

            last = segment;
            if (filled < Size)
            {
                break;
            }
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }
}
