# return from inside loops (for, while, nested) and loop-based helpers
def first_square_above(limit):
    for i in range(1000):
        if i * i > limit:
            return i
    return -1

def is_prime(n):
    if n < 2:
        return False
    d = 2
    while d * d <= n:
        if n % d == 0:
            return False
        d += 1
    return True

def find_pair(target):
    for a in range(1, 50):
        for b in range(a, 50):
            if a * b == target and a + b == 20:
                return a * 100 + b
    return 0

print(first_square_above(50), first_square_above(-1), first_square_above(10 ** 7))
for n in range(-1, 20):
    if is_prime(n):
        print(n, end=",")
print()
print(find_pair(96), find_pair(7))
