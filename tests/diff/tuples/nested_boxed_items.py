# Tuples whose items inference keeps boxed, nested in other tuples (a front-end fuzzer's find:
# the inner tuple was typed where the outer one expected an object).
x = (print, (None or 3, 4 or None, 0 and None))
print(len(x), x[1], x[1][0] + 1)
y = ((0 or 2.5, 3 and "s"), [1, (1 or None,)], ((None or 1, 2), 3))
print(y, y[0][1] * 2, y[2][0][0])


def pair(a, b):
    return (a or b, (b and a, a))


print(pair(0, 5), pair("", "t"), pair(2.5, None))
for p, (q, r) in [(1, (None or 2, 3)), ("a", ("b" and None, 4))]:
    print(p, q, r)
