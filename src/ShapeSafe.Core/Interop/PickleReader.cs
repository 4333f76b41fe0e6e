using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace ShapeSafe.Interop;

/// <summary>
/// Reads the pickle subset that torch.save writes for a state_dict (protocols 2 to 5), as data: nothing is
/// imported or called. Dicts and OrderedDicts become <see cref="PickleDict"/>, tuples object arrays, tensors
/// (<c>torch._utils._rebuild_tensor_v2</c>, <c>_rebuild_parameter</c>) <see cref="TorchTensorRef"/>, any other
/// call a <see cref="PickleObject"/>. An opcode outside the subset, or a length running past the end, is a
/// <see cref="WeightsFormatException"/> that names the file, the opcode and its offset.
/// </summary>
public sealed class PickleReader
{
    private static readonly object Mark = new();

    private readonly byte[] _data;
    private readonly string _path;
    private readonly List<object?> _stack = [];
    private readonly Dictionary<long, object?> _memo = [];
    private int _position;

    private PickleReader(byte[] data, string path)
    {
        _data = data;
        _path = path;
    }

    /// <summary>The pickle's top-level object.</summary>
    public static object? Read(byte[] data, string path) => new PickleReader(data, path).Run();

    private object? Run()
    {
        while (true)
        {
            if (_position >= _data.Length)
            {
                throw Corrupt("ends before its STOP opcode");
            }

            var at = _position;
            var op = _data[_position++];
            switch (op)
            {
                case 0x80: // PROTO
                    Take(1);
                    break;
                case 0x95: // FRAME
                    Take(8);
                    break;
                case (byte)'.': // STOP
                    return Pop(at);
                case (byte)'(':
                    _stack.Add(Mark);
                    break;
                case (byte)'}':
                    _stack.Add(new PickleDict());
                    break;
                case (byte)']':
                    _stack.Add(new List<object?>());
                    break;
                case (byte)')':
                    _stack.Add(Array.Empty<object?>());
                    break;
                case (byte)'t':
                    _stack.Add(PopToMark(at).ToArray());
                    break;
                case 0x85:
                case 0x86:
                case 0x87:
                    {
                        var n = op - 0x84;
                        var items = new object?[n];
                        for (var i = n - 1; i >= 0; i--)
                        {
                            items[i] = Pop(at);
                        }

                        _stack.Add(items);
                        break;
                    }

                case (byte)'J':
                    _stack.Add((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4)));
                    break;
                case (byte)'K':
                    _stack.Add((long)Take(1)[0]);
                    break;
                case (byte)'M':
                    _stack.Add((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2)));
                    break;
                case 0x8a: // LONG1
                    {
                        var n = Take(1)[0];
                        var value = new BigInteger(Take(n), isUnsigned: false, isBigEndian: false);
                        _stack.Add(value >= long.MinValue && value <= long.MaxValue ? (long)value : throw Corrupt($"has an integer too large at offset {at}"));
                        break;
                    }

                case (byte)'G':
                    _stack.Add(BinaryPrimitives.ReadDoubleBigEndian(Take(8)));
                    break;
                case (byte)'N':
                    _stack.Add(null);
                    break;
                case 0x88:
                    _stack.Add(true);
                    break;
                case 0x89:
                    _stack.Add(false);
                    break;
                case (byte)'X':
                    _stack.Add(Utf8(Take(Length(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)), at)), at));
                    break;
                case 0x8c:
                    _stack.Add(Utf8(Take(Take(1)[0]), at));
                    break;
                case 0x8d:
                    _stack.Add(Utf8(Take(Length(BinaryPrimitives.ReadUInt64LittleEndian(Take(8)), at)), at));
                    break;
                case (byte)'T':
                    _stack.Add(Encoding.Latin1.GetString(Take(Length(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)), at))));
                    break;
                case (byte)'U':
                    _stack.Add(Encoding.Latin1.GetString(Take(Take(1)[0])));
                    break;
                case (byte)'B':
                    _stack.Add(Take(Length(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)), at)).ToArray());
                    break;
                case (byte)'C':
                    _stack.Add(Take(Take(1)[0]).ToArray());
                    break;
                case (byte)'c': // GLOBAL
                    _stack.Add(new PickleGlobal(Line(at), Line(at)));
                    break;
                case 0x93: // STACK_GLOBAL
                    {
                        var name = Pop(at) as string ?? throw Corrupt($"has STACK_GLOBAL without a name at offset {at}");
                        var module = Pop(at) as string ?? throw Corrupt($"has STACK_GLOBAL without a module at offset {at}");
                        _stack.Add(new PickleGlobal(module, name));
                        break;
                    }

                case (byte)'R': // REDUCE
                    {
                        var args = Pop(at) as object?[] ?? throw Corrupt($"has REDUCE without an argument tuple at offset {at}");
                        var callable = Pop(at) as PickleGlobal ?? throw Corrupt($"has REDUCE of something that is not a global at offset {at}");
                        _stack.Add(Call(callable, args, at));
                        break;
                    }

                case 0x81: // NEWOBJ
                    {
                        var args = Pop(at) as object?[] ?? throw Corrupt($"has NEWOBJ without an argument tuple at offset {at}");
                        var cls = Pop(at) as PickleGlobal ?? throw Corrupt($"has NEWOBJ of something that is not a class at offset {at}");
                        _stack.Add(Call(cls, args, at));
                        break;
                    }

                case (byte)'b': // BUILD: an OrderedDict's __dict__ (the state_dict's _metadata) or an object's state; kept as data
                    Pop(at);
                    Peek(at);
                    break;
                case (byte)'Q': // BINPERSID
                    _stack.Add(Persistent(Pop(at), at));
                    break;
                case (byte)'q':
                    _memo[Take(1)[0]] = Peek(at);
                    break;
                case (byte)'r':
                    _memo[BinaryPrimitives.ReadUInt32LittleEndian(Take(4))] = Peek(at);
                    break;
                case 0x94: // MEMOIZE
                    _memo[_memo.Count] = Peek(at);
                    break;
                case (byte)'h':
                    _stack.Add(Memo(Take(1)[0], at));
                    break;
                case (byte)'j':
                    _stack.Add(Memo(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)), at));
                    break;
                case (byte)'s':
                    {
                        var value = Pop(at);
                        var key = Pop(at);
                        SetItems(Peek(at), [key, value], at);
                        break;
                    }

                case (byte)'u':
                    {
                        var items = PopToMark(at);
                        SetItems(Peek(at), items, at);
                        break;
                    }

                case (byte)'a':
                    {
                        var value = Pop(at);
                        (Peek(at) as List<object?> ?? throw Corrupt($"has APPEND to something that is not a list at offset {at}")).Add(value);
                        break;
                    }

                case (byte)'e':
                    {
                        var items = PopToMark(at);
                        (Peek(at) as List<object?> ?? throw Corrupt($"has APPENDS to something that is not a list at offset {at}")).AddRange(items);
                        break;
                    }

                case (byte)'0':
                    Pop(at);
                    break;
                case (byte)'1':
                    PopToMark(at);
                    break;
                case (byte)'2':
                    _stack.Add(Peek(at));
                    break;
                default:
                    throw Corrupt($"has pickle opcode 0x{op:x2} at offset {at}, which a torch.save state_dict does not use");
            }
        }
    }

    private object? Call(PickleGlobal callable, object?[] args, int at)
    {
        switch (callable.Module, callable.Name)
        {
            case ("collections", "OrderedDict") or ("builtins", "dict") when args.Length == 0:
                return new PickleDict();
            case ("torch._utils", "_rebuild_tensor_v2") or ("torch._utils", "_rebuild_tensor") when args.Length >= 4:
                {
                    var storage = args[0] as TorchStorageRef ?? throw Corrupt($"rebuilds a tensor from something that is not a storage at offset {at}");
                    var offset = args[1] as long? ?? throw Corrupt($"rebuilds a tensor without a storage offset at offset {at}");
                    return new TorchTensorRef(storage, offset, Longs(args[2], "size", at), Longs(args[3], "stride", at));
                }

            case ("torch._utils", "_rebuild_parameter") or ("torch._utils", "_rebuild_parameter_with_state") when args.Length >= 1:
                return args[0];
            default:
                return new PickleObject(callable, args);
        }
    }

    private long[] Longs(object? value, string what, int at) =>
        value is object?[] items && items.All(i => i is long)
            ? items.Select(i => (long)i!).ToArray()
            : throw Corrupt($"rebuilds a tensor whose {what} is not a tuple of integers at offset {at}");

    private TorchStorageRef Persistent(object? id, int at)
    {
        if (id is not object?[] { Length: 5 } t || t[0] is not "storage" || t[1] is not PickleGlobal type || t[2] is not string key || t[4] is not long count)
        {
            throw Corrupt($"has a persistent id that is not a torch storage at offset {at}");
        }

        var dtype = type.Name switch
        {
            "FloatStorage" => TensorDType.Float32,
            "DoubleStorage" => TensorDType.Float64,
            "HalfStorage" => TensorDType.Float16,
            "BFloat16Storage" => TensorDType.BFloat16,
            "LongStorage" => TensorDType.Int64,
            "IntStorage" => TensorDType.Int32,
            "ShortStorage" => TensorDType.Int16,
            "CharStorage" => TensorDType.Int8,
            "ByteStorage" => TensorDType.UInt8,
            "BoolStorage" => TensorDType.Bool,
            _ => throw new WeightsFormatException(_path, $"holds a {type} tensor, which ShapeSafe does not read"),
        };
        if (count < 0)
        {
            throw Corrupt($"has a storage of {count} elements at offset {at}");
        }

        return new TorchStorageRef(key, dtype, count);
    }

    private void SetItems(object? target, IReadOnlyList<object?> items, int at)
    {
        if (target is not PickleDict dict || items.Count % 2 != 0)
        {
            throw Corrupt($"sets items on something that is not a dict at offset {at}");
        }

        for (var i = 0; i < items.Count; i += 2)
        {
            dict.Set(items[i] ?? throw Corrupt($"has a None dict key at offset {at}"), items[i + 1]);
        }
    }

    private object? Memo(long index, int at) => _memo.TryGetValue(index, out var value) ? value : throw Corrupt($"refers to memo entry {index}, which was never stored (offset {at})");

    private List<object?> PopToMark(int at)
    {
        var mark = _stack.LastIndexOf(Mark);
        if (mark < 0)
        {
            throw Corrupt($"has no MARK for the opcode at offset {at}");
        }

        var items = _stack.GetRange(mark + 1, _stack.Count - mark - 1);
        _stack.RemoveRange(mark, _stack.Count - mark);
        return items;
    }

    private object? Pop(int at)
    {
        var value = Peek(at);
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    private object? Peek(int at) => _stack.Count == 0 || ReferenceEquals(_stack[^1], Mark)
        ? throw Corrupt($"pops an empty stack at offset {at}")
        : _stack[^1];

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || _position + (long)count > _data.Length)
        {
            throw Corrupt($"is truncated: {count} bytes wanted at offset {_position}, {_data.Length - _position} left");
        }

        var span = _data.AsSpan(_position, count);
        _position += count;
        return span;
    }

    private int Length(ulong length, int at) => length > (ulong)(_data.Length - _position)
        ? throw Corrupt($"is truncated: a {length}-byte string at offset {at} runs past its end")
        : (int)length;

    private string Line(int at)
    {
        var end = Array.IndexOf(_data, (byte)'\n', _position);
        if (end < 0)
        {
            throw Corrupt($"has an unterminated GLOBAL at offset {at}");
        }

        var text = Encoding.UTF8.GetString(_data, _position, end - _position);
        _position = end + 1;
        return text;
    }

    private string Utf8(ReadOnlySpan<byte> bytes, int at)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Corrupt($"has a string that is not UTF-8 at offset {at}");
        }
    }

    private WeightsFormatException Corrupt(string problem) => new(_path, $"is corrupt: its data.pkl {problem}");
}
