# A variable that is a tuple on one path and an int on another (boxed, Tier 1).
def f(n):
    if n > 2:
        r = (n, n + 1)
    else:
        r = n
    return r

for i in range(5):
    v = f(i)
    print(v, v == (3, 4), v == 1)
print(f(3) + (5,))
print(len(f(4)))
