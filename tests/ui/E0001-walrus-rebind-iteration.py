# CPython 3.11: `:=` cannot rebind an (outer) comprehension's iteration variable.
print([[(j := j) for i in range(5)] for j in range(5)])
