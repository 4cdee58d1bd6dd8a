# sort and sorted: stability, reverse, mixed numbers, strings, tuples.
print(sorted([3, 1, 2]), sorted((3.5, 1, True, -2)), sorted("hello"), sorted([]))
print(sorted([3, 1, 2], reverse=True), sorted(["b", "a", "c"], reverse=1))
r = [(1, "b"), (0, "z"), (1, "a"), (0, "a")]
print(sorted(r))
data = [5, 3, 5.0, 3.0, 1, True, 1.0]
print(sorted(data), sorted(data, reverse=True))
big = [10 ** 20, -10 ** 20, 0, 2 ** 63, -(2 ** 63), 1.5e300]
big.sort()
print(big)
x = []
for i in range(100, 0, -7):
    x.append(i)
for i in range(50):
    x.append(i)
x.sort()
print(x)
y = []
for i in range(300):
    y.append((i * 7919) % 1009)
y.sort()
print(y[:10], y[-10:], len(y))
y.sort(reverse=True)
print(y[:5])
print(sorted([[2, 1], [1, 2], [1]]), sorted([(), (0,), (-1, 5)]))
print(sorted(["ab", "a", "", "b", "ba"]))
print(sorted((4, 0, 3), key=None))
