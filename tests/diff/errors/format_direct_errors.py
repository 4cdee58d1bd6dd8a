# The errors of the direct formatting paths, in CPython's order and words: each bad spec of
# each builtin type (read first from a fresh spec, then again from the parsed-spec cache,
# which keeps no errors), then an uncaught one.
cases = [(1, ".3s"), (1.5, "d"), (1.5, "x"), (True, "s"), (1, ".2d"), (1, "z"), (1, "zd"),
         (1, "+c"), (1, "#c"), (1, ",c"), (1, "_c"), (1, ",x"), (1, ",b"), (1, "_n"), (1, ",n"),
         (10**30, "c"), (-1, "c"), (0x110000, "c"), (2**70, "e"), (2**1100, "f"), (1, ",_"),
         (1, "_,"), (1, "__"), (1, ",,"), (1, "."), (1, ".f"), (1.5, "."), (1, "10.x"),
         (1, "99999999999999999999"), (1, ".99999999999999999999"), (1.5, ".2147483648f"),
         (1.5, "dd"), (1, "<<<"), (1.5, "=^10"), ("s", "="), ("s", "+"), ("s", " "), ("s", "-"),
         ("s", "#"), ("s", "z"), ("s", "=5"), ("s", "d"), ("s", ",s"), ("s", ".2f"), ("é", "é=5"),
         (1.5, ",c"), (1.5, "z,d"), (None, ">5"), ((1, 2), "x"), (None, ""), (1, "\x00"),
         (1, "\x7f"), (1.5, "é"), ("s", "\u3000"), (1, "1_000")]
for rnd in range(2):
    for value, spec in cases:
        try:
            print(rnd, repr(spec), repr(format(value, spec)))
        except (ValueError, TypeError, OverflowError) as e:
            print(rnd, repr(spec), type(e).__name__, e)
for value in [0, 1.5, "x", True]:
    try:
        format(value, 3)
    except TypeError as e:
        print("TypeError", e)
print(f"{1:.3s}")
