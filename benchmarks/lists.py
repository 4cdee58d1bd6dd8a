# Lists: a sieve of Eratosthenes over a list of flags (indexing and item assignment in loops),
# building lists with append, a prefix-sum pass over a list, and sorting.
def sieve(n):
    flags = [True] * (n + 1)
    flags[0] = False
    flags[1] = False
    i = 2
    while i * i <= n:
        if flags[i]:
            for j in range(i * i, n + 1, i):
                flags[j] = False
        i += 1
    primes = []
    for k in range(n + 1):
        if flags[k]:
            primes.append(k)
    return primes


def prefix_sums(xs):
    out = [0] * len(xs)
    total = 0
    for i in range(len(xs)):
        total += xs[i]
        out[i] = total
    return out


def shuffled_sort(n):
    xs = []
    v = 12345
    for _ in range(n):
        v = (v * 1103515245 + 12345) % 2147483648
        xs.append(v % 100000)
    xs.sort()
    total = 0
    for i in range(0, n, 97):
        total += xs[i]
    return total


p = sieve(1000000)
s = prefix_sums(p)
print(len(p), p[-1], s[-1], shuffled_sort(200000))
