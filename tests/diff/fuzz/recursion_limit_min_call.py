# min() one frame below the recursion limit: the call itself overflows ("while calling a Python object"), not its comparison
def r(n):
    if n <= 0:
        return min(n, 833)
    return r(n - 1) + 1

print(r(998))
