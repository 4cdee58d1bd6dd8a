# CPython's error: range zero step.
print(range(1, 5, 0))
