# split, rsplit and splitlines: pieces made straight into the list, ranges in a kept buffer.
s = "a|bb||ccc|"
print(s.split("|"), s.rsplit("|"), s.split("|", 2), s.rsplit("|", 2), s.split("||"), s.rsplit("||"))
print("  x  y\tz\n ".split(), "  x  y\tz\n ".rsplit(None, 1), "".split(), "".split("|"), "abc".split("abc"))
print("l1\nl2\r\nl3\rl4\x0bl5\x85l6\u2028".splitlines(), "l1\nl2\r\n".splitlines(True), "".splitlines())
big = "|".join(str(i) for i in range(5000))
parts = big.split("|")
print(len(parts), parts[:3], parts[-2:], len(big.rsplit("|", 4000)), len(big.splitlines()))
print(len(("\n".join(["x"] * 3000)).splitlines()), [len(p.split("|")) for p in (big, "a|b", big)])
nested = [line.split(",") for line in "a,b\nc,d,e\n\nf".splitlines()]
print(nested, "ääö|ü".split("|"), "ä ö  ü".split(), "ä\u2029ö".splitlines())
print("x".split("x"), "xx".split("x"), "x".rsplit("x", 0), "a b c".split(maxsplit=1), "a b c".rsplit(maxsplit=1))
try:
    "a".split("")
except ValueError as e:
    print("ValueError:", e)
"a".split(1)
