# Counting primes by trial division: nested integer loops.
def is_prime(n):
    if n < 2:
        return False
    d = 2
    while d * d <= n:
        if n % d == 0:
            return False
        d += 1
    return True


count = 0
for k in range(100000):
    if is_prime(k):
        count += 1
print("primes below 100000:", count)
