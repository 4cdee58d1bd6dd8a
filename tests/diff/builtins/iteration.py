# enumerate, zip, reversed, sum, any, all, min/max of iterables, next, iter, range objects.
xs = [5, 3, 8, 1]
for i, x in enumerate(xs):
    print(i, x, end="; ")
print()
for i, c in enumerate("abc", start=10):
    print(i, c, end=" ")
print()
print(list(enumerate(xs, 1)), list(zip(xs, "wxyz", (1, 2, 3))), list(zip()))
print(list(reversed(xs)), list(reversed("abc")), list(reversed((1, 2))), list(reversed(range(4))))
print(sum(xs), sum([0.1] * 10), sum([], 5), sum([[1], [2]], []), sum(range(101)), sum(xs, start=100))
print(any([]), all([]), any([0, "", None]), any([x > 7 for x in xs]), all([x > 0 for x in xs]))
print(min(xs), max(xs), min("hello"), max([2.5, 3, -1]), min([], default="none"), max(3, 9, 4), min((7,)), max([[1, 2], [1, 3]]))
it = iter(xs)
print(next(it), next(it), list(it), next(it, "done"))
r = range(2, 20, 3)
print(r, len(r), list(r), r[1], r[-1], 8 in r, 9 in r, r[1:3], range(5) == range(0, 5), range(0))
print(list(range(5, 0, -2)), sum(range(10, 0, -1)), max(range(7)), list(range(-3)))
total = 0
for v in range(3, 30, 9):
    total += v
print(total)
pairs = dict_like = [(k, v) for k, v in zip("ab", [1, 2])]
print(pairs)
