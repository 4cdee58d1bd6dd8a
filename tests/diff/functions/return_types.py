# functions returning bool, float, int and None
def is_pos(x):
    return x > 0

def half(x):
    return x / 2

def avg(a, b, c):
    return (a + b + c) / 3

def clamp(x, lo, hi):
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x

def nothing(x):
    if x > 0:
        return
    return None

print(is_pos(3), is_pos(-3), is_pos(0))
print(half(7), half(8), avg(1, 2, 4))
print(clamp(-5, 0, 10), clamp(5, 0, 10), clamp(50, 0, 10))
print(nothing(1), nothing(-1))
b = is_pos(2)
if b:
    print("b is", b)
