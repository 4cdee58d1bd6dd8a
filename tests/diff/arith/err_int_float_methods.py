# The errors of int and float methods, caught; the last one uncaught.
tests = [
    lambda: (256).to_bytes(1, "big"),
    lambda: (-1).to_bytes(1, "big"),
    lambda: (128).to_bytes(1, "big", signed=True),
    lambda: (1).to_bytes(-1, "big"),
    lambda: (1).to_bytes(1, "middle"),
    lambda: (1).to_bytes(1, 2),
    lambda: (1).to_bytes("a"),
    lambda: (1).to_bytes(1, "big", True),
    lambda: int.from_bytes("ab", "big"),
    lambda: int.from_bytes(b"a", "sideways"),
    lambda: (1).bit_length(1),
    lambda: float("inf").as_integer_ratio(),
    lambda: float("nan").as_integer_ratio(),
    lambda: (1.0).is_integer(2),
]
for t in tests:
    try:
        print(t())
    except Exception as e:
        print(type(e).__name__, e)
(2**8).to_bytes(1, "little")
