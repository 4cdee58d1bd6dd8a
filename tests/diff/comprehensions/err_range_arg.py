# range() with a float in a comprehension: CPython's TypeError, blamed on the range() call.
def f(n):
    return [i for i in range(n)]

print(f(3))
print(f(2.5))
