# split by one byte and splitlines scan a word at a time: separators and breaks at every
# offset of a word, runs of them, non-ASCII text around them, every kind of line break.

for n in range(0, 20):
    s = "a" * n + "|" + "b" * (n % 5) + "||" + "é" * (n % 3) + "|"
    print(n, s.split("|"), s.split("|", 1), s.rsplit("|", 2))
    t = ("x" * n + "\n") * 3 + "tail"
    print(t.splitlines(), t.splitlines(True))

breaks = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
for k, br in enumerate(breaks):
    line = "é€" * (k % 4) + "ab\tc\x1fd\x7f" + "z" * k
    text = br.join([line] * 3) + br
    print(repr(br), [len(x) for x in text.splitlines()], text.splitlines(True)[-1][-3:] == line[-2:] + br)

words = "".join(chr(0x4e00 + i) for i in range(40))
print(words.split("|"), (words + "|" + words).split("|")[1][:3], ("\u2028".join([words] * 2)).splitlines()[1][-2:])
print("".split("|"), "|".split("|"), "||||".split("|"), "a".split("a"), "no sep here".split(","))
print("\u0085x".splitlines(), "x\u0085".splitlines(True), "\x00\x01|\x02".split("|"))
