# List displays, repr of nested and mixed lists, len, indexing, truth, equality.
a = [1, 2.5, "x", None, True, (1, 2), [3, [4]]]
print(a)
print(len(a), a[0], a[-1], a[-1][1], a[5][0])
print([], [[]], [()], [1], ["a'b", 'c"d', "e'f\"g"])
print(str([1.0, -0.0]), repr(["q"]))
e = []
print(len(e), not e, not [0], bool([None]), e == [], [] == [])
print([1, 2] == [1, 2], [1, 2] != [1, 2.0], [1, 2] == (1, 2), [1] != (1,))
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 9], [] < [0], [1, 2] <= [1, 2], ["b"] >= ["a", "z"])
b = [0] * 3
print(b, [1, 2] + [3], 2 * ["x"], [1] * 0, [1, 2] * -1)
print(list(), list("abc"), list((1, 2)), list([3, [4]]), list((0,)[1:]))
print(isinstance(a, list), type(a), type(a) is list, isinstance((1,), list))
print(f"{a[1]} {[1, 2]!r} {[3]}", format([1, 2]), "%s" % ([1],))
c = [9]
print(c)
