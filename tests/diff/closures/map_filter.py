# map and filter: lazy, shortest iterable, None as predicate, with functions and builtins.
print(list(map(lambda x: x * 2, [1, 2, 3])))
print(list(map(str, [1, 2, 3])))
print(list(map(lambda a, b: a + b, [1, 2, 3], [10, 20])))
print(list(filter(lambda x: x % 2, range(10))))
print(list(filter(None, [0, 1, "", "a", None, [], [0]])))
m = map(len, ["a", "bb"])
print(next(m), next(m), next(m, "done"))
total = 0
for v in map(int, ["1", "2", "3"]):
    total += v
print(total)
print(sum(map(abs, [-1, -2, 3])))
print(sorted(filter(lambda c: c.isupper(), "aBcDe")))
