# `is` / `is not` with None, True and False, on typed and boxed values
def find(n):
    if n > 2:
        return n
    return None

for i in range(5):
    r = find(i)
    print(r is None, r is not None, None is r, r is True)
flag = 3 > 2
print(flag is True, flag is False, flag is not True, None is None, None is not None)
x = None
one = 1
half = 2.5
s = "s"
print(x is None, one is not None, half is None, s is None)
def maybe(c):
    if c:
        return True
    return 0
print(maybe(True) is True, maybe(False) is True, maybe(False) is False, maybe(True) is not False)
