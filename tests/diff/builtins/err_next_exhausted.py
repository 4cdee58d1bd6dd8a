# CPython's error: next exhausted.
it = iter([1])
print(next(it))
print(next(it))
