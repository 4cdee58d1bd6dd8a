# `*` items in list and tuple displays; starred assignment targets, nested and in `for`.
a = [1, 2]
t = (3, 4)
print([*a, *t, 5], (*a, 0), [*"ab", *a], [*a], (*t,), [0, *[], *(), 9])
first, *rest = [1, 2, 3, 4]
*init, last = "hello"
x, *mid, y = (1, 2)
print(first, rest, init, last, x, mid, y)
(p, *q), r = [0, 1, 2], 3
print(p, q, r)
for head, *tail in [(1, 2, 3), [4], "xy"]:
    print(head, tail)
[u, *v] = [7, 8, 9]
print(u, v)

def spread(xs):
    return [*xs, *xs]

print(spread([1, 2]), spread("ab"))
