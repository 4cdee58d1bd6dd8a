# Edge cases: slices with steps, negative indices, big counts, repeated concatenation,
# reversed, bytes as keys, __bytes__, identity of literals, copy.
import copy
b = b"0123456789"
print(b[-3:], b[:-3], b[::-3], b[8:2:-2], b[100:], b[-100:2], b[5:5])
print(list(reversed(b"abc")), bytes(reversed(b"abc")))
acc = b""
for i in range(5):
    acc += bytes([65 + i])
print(acc, len(acc))
counts = {}
for w in b"a b a c a".split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
class Blob:
    def __bytes__(self):
        return b"blob!"
print(bytes(Blob()))
def lit():
    return b"same"
print(lit() is lit(), copy.copy(b) is b, copy.deepcopy(b) is b)
print(b"abc".upper().lower().title(), b"x".join(x.upper() for x in [b"a", b"b"]))
print(b"a" * 3 + b"b" * 2, (b"ab" * 3).count(b"ab"), b"ab" * True)
print(bytes(0), bytes([]), bytes(()), bytes(iter([1, 2])))
print(b"%", b"{}", b"\\n", len(b"\\n"))
print(str(b"caf\xc3\xa9", "utf-8"), str(b"\xff", "utf-8", "replace"), str(b"abc", errors="strict"))
print(b"\x00" < b"\x00\x00", b"\xff" > b"\x7f", b"abc" >= b"abc", b"b" <= b"a")
print(bytes.fromhex("0A0b"), b"\n".hex(), b"".hex(), b"abc".hex(b"|"))
print(b"hello world".split(maxsplit=1), b"a--b--c".split(b"--"), b"  x  ".split(None))
print(b"abc".startswith((b"a", b"z")), b"abc".endswith(b"bc", 0, 3), b"abc".find(b"c", -1))
print(isinstance(b"", (str, bytes)), type(b"") is bytes, bytes is type(b""))
