# a loop whose values grow past 64 bits and come back
n = 2 ** 80 - 1
steps = 0
while n != 1:
    if n % 2 == 0:
        n = n // 2
    else:
        n = 3 * n + 1
    steps += 1
print(steps)
