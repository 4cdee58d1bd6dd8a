# Count primes below N by trial division (nested integer loops with %)
def count_primes(limit):
    count = 0
    last = 0
    for n in range(2, limit):
        is_p = True
        d = 2
        while d * d <= n:
            if n % d == 0:
                is_p = False
                break
            d += 1
        if is_p:
            count += 1
            last = n
    print("largest prime below", limit, "is", last)
    return count

print(count_primes(300000))
