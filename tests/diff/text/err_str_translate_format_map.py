# The errors of str.translate, str.maketrans and str.format_map, caught; the last one uncaught.
tests = [
    lambda: "a".translate({97: 1.5}),
    lambda: "a".translate({97: 0x110000}),
    lambda: "a".translate({97: -1}),
    lambda: "a".translate(5),
    lambda: "a".translate(),
    lambda: str.maketrans("ab", "a"),
    lambda: str.maketrans({"ab": 1}),
    lambda: str.maketrans({1.5: 1}),
    lambda: str.maketrans([1]),
    lambda: str.maketrans(1, "a"),
    lambda: str.maketrans("a", 1),
    lambda: str.maketrans("a", "b", 3),
    lambda: str.maketrans(),
    lambda: "{0}".format_map({}),
    lambda: "{}".format_map({}),
    lambda: "{x}".format_map({}),
    lambda: "{x}".format_map(5),
    lambda: "x".format_map(),
]
for t in tests:
    try:
        print(repr(t()))
    except Exception as e:
        print(type(e).__name__, e)
"abc".translate({98: ValueError})
