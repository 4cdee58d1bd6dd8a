# The errors of bytes(): each caught and printed, the last uncaught.
for args in [("abc",), (1.5,), ([256],), ([-1],), (["a"],), (-1,), (b"x", "utf-8")]:
    try:
        bytes(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
i = 1.0
try:
    b"abc"[i]
except TypeError as e:
    print(e)
try:
    "a" in b"abc"
except TypeError as e:
    print(e)
try:
    300 in b"abc"
except ValueError as e:
    print(e)
try:
    b"a" < "a"
except TypeError as e:
    print(e)
try:
    bytes.fromhex("abc")
except ValueError as e:
    print(e)
b"x".join([b"a", "b"])
