# Comprehensions over lists of mixed values, strings and tuples.
data = [1, 2.5, "s", None, (1, 2), [3]]
print([type(d) for d in data])
print([d for d in data if isinstance(d, int)])
print([repr(d) for d in data])
print([str(d) + "!" for d in data])
print([x + 1 for x in [1, 2.5, True]])
print(sorted([s for s in "hello world" if s != " "]))
