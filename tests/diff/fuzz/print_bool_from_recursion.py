# print of a bool returned by a recursive function (-O1+: i1 passed to molt_print_bool without zeroext printed "T")
def f(n):
    if n <= 0:
        return False
    return f(n - 1) != (n % 2 == 0)

print(f(4))
