# dict() of an iterable whose items are not pairs: CPython's TypeError.
print(dict([(1, 2)]))
print(dict([1]))
