# Slicing errors: CPython's exception and message for each, then an uncaught one.
cases = (((1, 2), 1.5, None, None), ("abc", None, "x", None), ("abc", None, None, 0), ((1,), None, None, 2.0))
for seq, start, stop, step in cases:
    try:
        print(seq[start:stop:step])
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
n = 5
print(n[1:2])
