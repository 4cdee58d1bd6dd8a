# Sorting plain keys by their prefix words: ties between keys whose first 7 bytes agree, strs
# with NUL bytes, -0.0 and 0.0, tuples of different lengths, items past the second. Every
# result carries the original positions, so a sort that is not stable shows.
texts = ["", "\0", "a", "a\0", "a\0\0", "ab", "abcdefg", "abcdefg\0", "abcdefgh", "abcdefgi",
         "abcdefh", "abcdefgh\0", "é", "e\u0301", "\U0001f600", "zzzzzzzzzz", "abcdefgh", "A", "a "]
pos = list(range(len(texts)))
print(sorted(pos, key=lambda i: texts[i]))
print(sorted(pos, key=lambda i: texts[i], reverse=True))
print(sorted(texts))

floats = [0.0, -0.0, 1.5, -1.5, 5e-324, -5e-324, float("inf"), float("-inf"), 1e300, -0.0, 0.0, 2.5]
fpos = list(range(len(floats)))
print(sorted(fpos, key=lambda i: floats[i]))
print(sorted(fpos, key=lambda i: floats[i], reverse=True))
print([str(x) for x in sorted(floats)])

tuples = [("a", 1), ("a",), ("a", 0), ("a", 1, 2), ("a", 1, 1), ("a", 1), ("", -5), ("abcdefgh", 3),
          ("abcdefgi", 2), ("abcdefgh", 2), ("abcdefgh",), ("a\0", 1), ("a",), ("b", -(2 ** 61))]
tpos = list(range(len(tuples)))
print(sorted(tpos, key=lambda i: tuples[i]))
print(sorted(tpos, key=lambda i: tuples[i], reverse=True))
print(sorted(tuples))

ft = [(0.0, "x"), (-0.0, "x"), (-0.0, ""), (1.0, "abcdefgh"), (1.0, "abcdefg"), (1.0, "abcdefgh"), (0.0,)]
print(sorted(range(len(ft)), key=lambda i: ft[i]))
ints = [(3, 2, 1), (3, 2), (3, 2, 0), (3, 1, 9), (-1, 4), (2 ** 62 - 1, 0), (-(2 ** 62), 0), (3, 2)]
print(sorted(range(len(ints)), key=lambda i: ints[i]))

# Many ties, the benchmark's shape: names repeat, the second field breaks the tie.
x = 7
recs = []
for i in range(3000):
    x = (x * 1103515245 + 12345) % 2147483648
    recs.append((x % 50, "n" + str(x % 13) * (x % 5), i))
by = sorted(recs, key=lambda r: (r[1], -r[0]))
print(by[:5], by[-5:], sum(r[2] * k for k, r in enumerate(by)))
by = sorted(recs, key=lambda r: r[1])
print(by[:5], by[-5:], sum(r[2] * k for k, r in enumerate(by)))
by = sorted(recs, key=lambda r: (r[1], r[0] / 7, r[2] % 3))
print(by[:5], by[-5:], sum(r[2] * k for k, r in enumerate(by)))
