# unbounded recursion raises RecursionError: maximum recursion depth exceeded
def f(n):
    return f(n + 1)

print("start")
print(f(0))
