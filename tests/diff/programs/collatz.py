# Collatz chain lengths: longest chain for a start below 3000
def collatz_len(n):
    steps = 1
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps

best = 0
best_n = 0
total = 0
for n in range(1, 3000):
    c = collatz_len(n)
    total += c
    if c > best:
        best = c
        best_n = n
print(collatz_len(1), collatz_len(27), collatz_len(97))
print("longest below 3000:", best_n, best)
print("average:", total / 2999)
