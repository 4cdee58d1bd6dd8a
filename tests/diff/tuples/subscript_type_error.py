# TypeError: tuple indices must be integers or slices, not float.
def get(t, i):
    return t[i]

print(get((1, 2), 1))
print(get((1, 2), 1.0))
