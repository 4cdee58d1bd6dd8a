# An error inside a comprehension: CPython shows its <listcomp> frame.
def f(n):
    return [10 // (x - 2) for x in range(n)]

print(f(2))
print(f(5))
