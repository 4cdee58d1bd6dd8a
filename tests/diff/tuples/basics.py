# Tuple displays, indexing, len, repr of nested / 1-item / empty tuples.
t = (1, 2.5, "x", None, True)
print(t)
print(t[0], t[1], t[2], t[3], t[4])
print(t[-1], t[-5], len(t))
print((), (5,), ((1, 2), (3, (4, 5))), ("a", 'b"c', "d'e"))
print(str((1.0, -0.0)), repr((1, "q")))
e = ()
print(len(e), not e, not (0,), e == ())
