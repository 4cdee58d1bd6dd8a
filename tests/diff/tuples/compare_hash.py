# Lexicographic comparison, equality across int/float/bool items, hash equal to CPython's.
print((1, 2) == (1, 2), (1, 2) != (1, 2.0), (1, 2) < (1, 3), (1, 2) < (1, 2, 0))
print((2,) > (1, 9), (1, 2) <= (1, 2), () < (0,), (1, (2, 3)) < (1, (2, 4)))
print((1, True) == (1.0, 1), (0.5, "a") >= (0.5, "a"))
print(hash((1, 2)), hash(()), hash((1, (2, 3.5))), hash((-1,)), hash((-2,)))
print(hash(5), hash(-1), hash(2 ** 61 - 1), hash(2 ** 100), hash(1.5), hash(True), hash(None) == hash(None))
print(hash((1, 2)) == hash((1.0, 2.0)), hash((10 ** 20, -3)))
