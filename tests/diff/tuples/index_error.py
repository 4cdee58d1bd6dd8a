# IndexError from a run-time index, with CPython's ~^^^ markers.
def get(t, i):
    return t[i]

print(get((1, 2, 3), 1))
print(get((1, 2, 3), 3))
