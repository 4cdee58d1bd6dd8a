# bools, ints and floats mixed in one variable
def f(i):
    if i == 0:
        return True
    if i == 1:
        return 2
    return 0.5

t = 0
for i in range(3):
    t = t + f(i)
    print(t, f(i) * 2, f(i) == 1)
print(t)
