# unary operators on boxed values
def v(i):
    if i == 0:
        return 3
    if i == 1:
        return -2.5
    return True

for i in range(3):
    x = v(i)
    print(-x, +x, abs(x), not x, int(x), float(x))
print(~v(0), ~v(2))
