# bytes literals, repr, indexing, slicing, len, comparison, hashing, iteration.
a = b"hello"
b = b'it\'s'
c = b"\x00\x01\x7f\x80\xff\t\n\r\\"
d = b'say "hi"'
e = b"both ' and \""
print(a, b, c, d, e)
print(repr(a), str(c), len(c), len(b""))
print(a[0], a[-1], a[1:3], a[::-1], a[::2], a[10:], a[:])
print(a[1:3] is a[1:3], a[:] is a)
print(a == b"hello", a != b"hello", a == "hello", a < b"help", b"" < b"\x00", b"ab" > b"a")
print(hash(a) == hash(b"hel" + b"lo"), hash(b"abc") == hash("abc"))
print(list(a), [x for x in b"AZ"], sum(b"\x01\x02\x03"))
print(b"ell" in a, 104 in a, b"" in a, b"xyz" in a, 0 in a)
print(a + b" world", a * 2, 2 * b"ab", b"x" * 0, b"x" * -1)
print(b"abc" b"def", bytes(), bytes(3), bytes([65, 66, 67]), bytes((1, 2)), bytes(range(3)))
print(bytes(b"copy"), bytes("caf\u00e9", "utf-8"), bytes("abc", encoding="ascii"))
print(type(a), type(a).__name__, isinstance(a, bytes), isinstance("a", bytes))
d = {b"k": 1, "k": 2}
print(d, d[b"k"], {b"a", b"a", b"b"} == {b"a", b"b"})
print(f"{a}", f"{a!r}", "%s" % (a,), format(a), str(a))
print(sorted([b"b", b"a", b"ab", b""]), max(b"q", b"r"), min([b"\xff", b"\x00"]))
it = iter(b"xy")
print(next(it), next(it), next(it, "done"))
print(bool(b""), bool(b"\x00"), not b"")
x, y = b"pq"
print(x, y)
for i, ch in enumerate(b"ok"):
    print(i, ch, chr(ch))
