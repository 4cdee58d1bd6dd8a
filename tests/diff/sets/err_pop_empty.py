# CPython's error: pop empty.
print(set().pop())
