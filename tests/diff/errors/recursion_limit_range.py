# At the recursion limit, range() compares its arguments as one more level ("in comparison"); float() does not
def r(n):
    if n <= 0:
        x = float(n)
        for i in range(2):
            x += i
        return x
    return r(n - 1)


print(r(997))
print(r(998))
