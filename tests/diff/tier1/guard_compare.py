# guarded comparisons of boxed values with ints, floats and each other
def num(i):
    if i < 3:
        return i
    return i / 2

for i in range(6):
    a = num(i)
    b = num(5 - i)
    print(a < b, a <= 2, a == b, a != 1.5, a > b, a >= 2.0)
