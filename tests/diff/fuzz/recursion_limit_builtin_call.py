# At the recursion limit a builtin call counts as a frame in CPython 3.11: abs() at depth 999 raises RecursionError
def r(n):
    if n <= 0:
        return abs(n)
    return r(n - 1) + 1

print(r(997))
print(r(998))
