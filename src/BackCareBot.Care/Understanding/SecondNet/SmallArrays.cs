namespace BackCareBot.Care.Understanding;

/// <summary>
/// A list kept in arrays of under 85,000 bytes each, so that gathering a model's tens of thousands of weights while
/// the bot starts never puts a growing array on the large-object heap: each doubling of one large array there was
/// garbage that only a full collection gives back, and the memory it committed stayed with the bot under load.
/// </summary>
internal sealed class SmallArrays<T>
{
    // 4,096 elements of up to 16 bytes: 64 KB.
    private const int Shift = 12;
    private const int Length = 1 << Shift;
    private readonly List<T[]> _arrays = [];

    public int Count { get; private set; }

    public T this[int index] => _arrays[index >> Shift][index & (Length - 1)];

    public void Add(T item)
    {
        if (Count >> Shift == _arrays.Count)
        {
            _arrays.Add(new T[Length]);
        }

        _arrays[Count >> Shift][Count & (Length - 1)] = item;
        Count++;
    }
}
