# CPython 3.11: a later loop of a comprehension cannot rebind a `:=` target.
print([i for j in range(2) if (i := j) for i in range(3)])
