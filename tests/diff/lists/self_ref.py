# A list that contains itself prints as [...] (CPython's Py_ReprEnter); the cycle is broken
# before the end so that no object outlives the program.
a = [1, 2]
a.append(a)
print(a, len(a), a[2] is a)
b = [a, [a]]
print(b)
print(repr(a), str([b]))
c = []
c.append(c)
c.append(c)
print(c, [c, c])
a.pop()
c.clear()
print(a, b, c)
