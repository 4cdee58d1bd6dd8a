# while conditions with and/or/not, float counters, and early exits
a = 0
b = 20
while a < b and not a == 7:
    a += 1
    b -= 1
print(a, b)
x = 1.0
steps = 0
while x < 1000.0:
    x *= 1.5
    steps += 1
print(steps, x)
n = 27
steps = 0
while n != 1:
    if n % 2 == 0:
        n //= 2
    else:
        n = 3 * n + 1
    steps += 1
print("collatz 27 steps", steps)
c = 0
while c < 3 or c == 5:
    c += 1
print(c)
