# `*` on a value that is not iterable in a display.
n = 5
print([1, *n])
