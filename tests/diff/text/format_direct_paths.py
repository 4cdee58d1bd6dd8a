# format() and f-string fields written straight into the result str: every presentation type
# with fill, alignment, sign, '#', '0', width, grouping and precision, over small and huge
# ints, bools, floats near rounding ties and at the ends of the double range, and strs (ASCII
# and not); the empty spec of each type; a spec text seen with different default types (the
# parsed-spec cache is keyed by them); more distinct specs than the cache holds; long specs.
def show(value, spec):
    try:
        return repr(format(value, spec))
    except (ValueError, TypeError, OverflowError) as e:
        return type(e).__name__ + ": " + str(e)

ints = [0, 1, -1, 7, -7, 42, 255, -255, 1000, -1234567, 99999, 2**31, -2**31, 2**53 + 1, 2**62,
        2**63 - 1, -2**63, 2**63, -2**63 - 1, 2**64, 10**17, -10**18, 10**25 + 7, -(10**40) - 3,
        True, False]
int_specs = ["d", "06d", "+d", " d", "-d", "x", "X", "#x", "#X", "o", "#o", "b", "#b", "n", "c",
             ">8", "<8", "^9", "=+10", "*>12", "é^11", "0>6", "010", "+010", "-010", " 010",
             "#010x", "#010b", "=10", ",", "_", "_x", "_b", "_o", "#_X", "15,", "015,", "020_",
             "+015,d", "^+15,", "<+15_", "#12o", "e", ".2e", "f", ".3f", "%", "g", ".4G", "010.2f",
             ",.2f", "", "1", "2", "30", "0", "00", "x<5", "0<5d", "0=5", "z", "#", "+", ".2"]
for v in ints:
    print(repr(v), [show(v, s) for s in int_specs])

floats = [0.0, -0.0, 0.125, 0.375, 2.675, 1.005, 0.5, 1.5, 2.5, -2.5, 0.045, 1e-7, 5e-324,
          2.2250738585072014e-308, 1.7976931348623157e308, 1e22, 1e16, 9999999999999998.0,
          1e15 + 0.3, 123456.789, -123456.789, 1763.5714285714287, 2 / 3, -1 / 3, 1e-5, 0.0001,
          1.8446744073709552e19, 1.8446744073709550e19, 3e19, 0.99999, 9.5, 99.995, 0.000125,
          float("inf"), float("-inf"), float("nan"), 100.0, 1e100, 12345678901234567890.0]
float_specs = ["", "f", ".0f", ".1f", ".2f", ".3f", ".6f", ".17f", ".18f", ".25f", "#.0f", "F",
               "e", ".0e", ".3e", "#.0e", ".16e", ".20E", "E", "g", ".0g", ".1g", ".3g", "#g",
               "#.3g", ".17g", "G", "%", ".0%", ".2%", "#.0%", "n", ".3n", ".1", ".3", ".12",
               "10.3f", "<10.3f", "^12.2f", "=+12.3f", "012.3f", "+.3f", " .3f", "z.1f", "z.0f",
               "z.3e", "z.2%", ",.2f", "_.3f", ",", "15,.1f", "015,.2f", "*^15.4e", "é>12.1f",
               ",g", "020.3e", "-.3f", "#", "#10", "10", "=10.1", "x"]
for v in floats:
    print(repr(v), [show(v, s) for s in float_specs])

strs = ["", "a", "item26", "é", "日本語", "a" * 12, "e\u0301", "😀x"]
str_specs = ["", "s", ">8", "<8", "^8", "^9", ".2", ".0", ".20", "8.3", "*^7", "é^7", "—>9",
             "😀<5", "2", "6", "<6", ">1", "0", "05", "0>5", "=5", "+5", "z", "#5", ",", "d", "x"]
for v in strs:
    print(repr(v), [show(v, s) for s in str_specs])

# A spec that neither pads nor truncates gives the same text.
s = "item" + str(26)
print([format(s, spec) == s for spec in ["2", "<6", ".9", "s", ">3", "<7", ".3"]])

# The same spec text read for several types (cache keys include the default type).
for spec in [">8", "08", ".3", "", "5", "^7", "x<4"]:
    print(spec, [show(v, spec) for v in (5, -5, 2.5, -0.0, "ab", True, 10**20)])

# More distinct specs than the cache holds, twice over, interleaved with the types.
for rnd in range(2):
    out = []
    for w in range(1, 40):
        out.append(format(w * 37, f"{w}d"))
        out.append(format(w / 7, f">{w}.{w % 9}f"))
        out.append(format("é" * (w % 5), f"*^{w}"))
    print(rnd, "|".join(out))

# Long specs (beyond the cached length) and Unicode digits in widths.
print(show(3.5, "*>+#0000000000000000030,.5f"), show(12, "0000000000000000000000008"),
      show(7, "٣"), show(7, "x>٣d"), show(1.25, ".٢f"), show("ab", "٥"))

# f-string fields of the common shapes in a loop.
rows = []
for i in range(0, 3000, 7):
    name = f"item{i % 97}"
    rows.append(f"{name:>8}|{i * 3:06d}|{i / 7:.3f}|{-i:+,}|{i * 1e-3:.2e}|{i:x}|{i / 3:g}|{i % 5 - 2.5:z.0f}")
print(len(rows), rows[:3], rows[-3:], sum(len(r) for r in rows))
for x in [1e-300 * k for k in range(1, 6)] + [k / 1024 for k in range(-5, 6)]:
    print(f"{x}|{x:.3f}|{x:.17f}|{x:%}|{x:.4}|{x:e}")
