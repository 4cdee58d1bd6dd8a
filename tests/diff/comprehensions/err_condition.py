# An error in a comprehension's condition.
def f(xs):
    return [x for x in xs if x > 1]

print(f([3, 0, 2]))
print(f([1, "a"]))
