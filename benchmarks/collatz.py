# Longest Collatz chain for a start below N (integer loop with // and %)
def collatz_len(n):
    steps = 1
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps

def longest(limit):
    best = 0
    best_n = 0
    total = 0
    for n in range(1, limit):
        c = collatz_len(n)
        total += c
        if c > best:
            best = c
            best_n = n
    print("longest below", limit, "starts at", best_n, "with", best, "steps")
    return total

total = longest(120000)
print("total steps:", total)
print("average:", total / 119999)
