# conditional expressions: only the chosen branch is evaluated
def val(i, x):
    print("eval", i)
    return x

a = 4
print(a if a > 3 else -a, a if a > 10 else -a)
print(1.5 if a else 2.5, 10 if 0 else 20 if 1 else 30)
print(val(1, 100) if a % 2 == 0 else val(2, 200))
print(val(3, 100) if a % 2 else val(4, 200))
sign = -1 if a < 0 else (0 if a == 0 else 1)
print(sign)
for n in range(-2, 3):
    print(n, -1 if n < 0 else 0 if n == 0 else 1)
