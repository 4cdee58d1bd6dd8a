# A boxed value used as a range() bound and elsewhere: the bound is converted for the range only.
def f3(c):
    return 1 if c else 2.5

def f23(p24):
    c30 = f3(p24)
    while c30:
        if True:
            return not (123456789 % (c30 or 10))
        for v25 in range(6, c30):
            pass

print(f23(True))
