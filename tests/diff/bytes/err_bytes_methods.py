# The argument errors of bytes methods, caught; the last one uncaught.
tests = [
    lambda: b"abc".find("a"),
    lambda: b"abc".split("b"),
    lambda: b"abc".replace("a", "b"),
    lambda: b"abc".startswith("a"),
    lambda: b"abc".count(256),
    lambda: b"abc".index(b"z"),
    lambda: b"abc".rindex(b"z"),
    lambda: b"abc".center(),
    lambda: b"abc".center(10, "x"),
    lambda: b"abc".decode("utf-16-x"),
    lambda: b"abc".decode(1),
    lambda: "abc".encode(1),
    lambda: b"abc".strip("a"),
    lambda: b"".join([1]),
    lambda: b"abc".hex("ab"),
    lambda: b"abc".split(b""),
    lambda: b"a".zfill("3"),
    lambda: bytes.fromhex(b"ab"),
    lambda: "é".encode("ascii", "strict"),
    lambda: b"\x80abc".decode("ascii"),
    lambda: b"abc".partition(b""),
]
for t in tests:
    try:
        print(t())
    except Exception as e:
        print(type(e).__name__, e)
b"abc".removeprefix("a")
