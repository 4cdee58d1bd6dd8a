# printf-style formatting errors, each with CPython's exception and message.
cases = (("%d", "x"), ("%d %d", (1,)), ("%d", (1, 2)), ("%q", 1), ("%", 1), ("%c", "ab"),
         ("%c", 0x110000), ("%x", 1.5), ("%*d", ("a", 1)), ("%(name)s", 1), ("abc", 5), ("%.*f", (1.5, 2.0)))
for fmt, args in cases:
    try:
        print(repr(fmt % args))
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
print("%d%%" % "nope")
