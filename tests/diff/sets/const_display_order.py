# Set displays of constants iterate in the order of CPython's folded frozenset constants: a
# display of more than two constants copies the constant into a new set, a display iterated by
# `for` or a comprehension is the constant itself. The items collide in the table (equal hashes
# modulo the table size), so building the set item by item would give other orders.
print({3, 8, 10**20})
print({3, 8, 2**64, 16})
print({1, 9, 17, 25, 33, 41})
print({-1, -2, 7, 15, 23})
print({8, 3, 10**20 + 1, 2**61 - 1, 2**61})
print({0.5, 8, 3, 1.5, 2**62})
print({(1, 2), 8, 3, (8, 3), True, (0, 8), 16})
print({3, 8, 5 * 8 + 2, 7 // -2, -7 % 3, 1 << 70, ~5, -(-16), +24})
print({3, 8, (1, 2, 3)[0] + 32, b"ab"[0], __debug__, not 0, 2**-1, 6 / 4})
print({3, 8, 2**64 * 2**64, 1 << 200, 10**40})
print({3, 8, 4 * (1, 2), (0,) * 3, 40, 48})
print({3, 8, 11.0, 19, 27, 35.5, 43, 51, 59, 67, 75, 83})
for x in {3, 8, 10**20}:
    print(x, end=" ")
print()
for x in {16, 8}:
    print(x, end=" ")
print()
for x in {3, 8, 16, 24, 32, 40, 48, 56, 64, 72}:
    print(x, end=" ")
print()
print([x for x in {3, 8, 10**20, 40}])
print([x * y for x in {1, 9} for y in {8, 3, 10**20}])
print(sorted({3, 8, 10**20}) == sorted([3, 8, 10**20]))
n = 3
# Not all constants: built item by item, as CPython's BUILD_SET.
print({n, 8, 10**20})
for x in {n, 8, 10**20}:
    print(x, end=" ")
print()
print(10**20 in {3, 8, 10**20}, 4 in {3, 8, 10**20})
