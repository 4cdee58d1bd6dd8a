# The common shapes of formatting, splitting and int() parsing, with their edge cases: fixed
# precision floats near rounding ties, tiny and huge values; fills and alignments (ASCII and
# not); single-character separators with maxsplit; short decimal strings with signs, leading
# zeros and the cases that take the general parse.
for v in [0.125, 0.375, 2.675, 1.005, 0.5, 1.5, 2.5, -2.5, -0.0, 0.0, 5e-324, 2.2250738585072014e-308,
          1e-7, 123456789.987654321, 1e15 + 0.3, 1e17, 1.8446744073709552e19, 3e19, 1e22,
          1763.5714285714287, 2 / 3, -1 / 3, 1e-20]:
    print(f"{v:.0f}|{v:.1f}|{v:.2f}|{v:.3f}|{v:.6f}|{v:.17f}|{v:f}|{v:12.4f}|{v:<12.2f}|{v:^+14.5f}|{v:z.1f}")
    print("%.3f %.0f %10.5f %-10.2f|" % (v, v, v, v))
print(f"{3.14159:.20f} {2.5:.18f} {1/7:.25f}")
print(f"{float('inf'):.3f} {float('-inf'):8.2f} {float('nan'):.1f}")
for i in [0, 7, -7, 42, 99999, -123456, 10**17, -10**18, 2**62, -2**63, 10**30]:
    print(f"{i:06d}|{i:>8}|{i:<8d}|{i:^9}|{i:+d}|{i: d}|{i:,}|{i:_}|{i:x}|{i:#o}|{i:=+10}|{i:*>12}|{i:é^11}|")
for name in ["item1", "", "é", "日本語", "a" * 12]:
    print(f"[{name:>8}] [{name:<8}] [{name:^8}] [{name:.2}] [{name:—>9}] [{name!r:>10}]")

line = "item26|037035|1763.571||x|"
print(line.split("|"), line.split("|", 2), line.rsplit("|", 2), line.split("|", 0), line.rsplit("|"))
print("a,b,,c".split(","), ",".split(","), "".split(","), "abc".split("x"), "é|ü|日".split("|"), "é|ü|日".rsplit("|", 1))
for t in ["  a b\tc\nd\x0be\x0cf\rg\x1ch\x1di\x1ej\x1fk  ", "", "   ", "one", " lead", "trail ", "é ü\u3000日 x"]:
    print(t.split(), t.split(None, 1), t.split(maxsplit=2), t.rsplit(None, 1), t.split(maxsplit=0))
print("x--y--z".split("--"), "x--y--z".rsplit("--", 1))
try:
    "abc".split("")
except ValueError as e:
    print("ValueError:", e)

for text in ["a\nb\r\nc\rd\x0be\x0cf\x1cg\x1dh\x1ei\x85j\u2028k\u2029l", "\n\n", "x\r", "\r\n", "é\n日\r\n", "no breaks", "",
             "\xc2\x85 \u2027\u202a \u00e2\u0080\u00a8"]:
    print(text.splitlines(), text.splitlines(True), text.splitlines(keepends=True))
for text in ["0", "-0", "+5", "-17", "037035", "123456789012345678", "1234567890123456789",
             "-999999999999999999", "99999999999999999999999", " 12 ", "1_000", "\u0661\u0662", "+", "-", "", "12a", "0x1f", "1e3"]:
    try:
        print(repr(text), int(text))
    except ValueError as e:
        print(repr(text), "ValueError:", e)
for text, base in [("007", 0), ("0", 0), ("00", 0), ("10", 0), ("-10", 0), ("ff", 16), ("077", 8), ("12", 10), ("z", 36)]:
    try:
        print(repr(text), base, int(text, base))
    except ValueError as e:
        print(repr(text), base, "ValueError:", e)
print(int("12345678901234567890") + 1, type(int("42")).__name__)
int("4.5")
