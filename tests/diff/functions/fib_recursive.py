# plain recursion: fibonacci, factorial, gcd, ackermann
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)

def gcd(a, b):
    if b == 0:
        return a
    return gcd(b, a % b)

def ack(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ack(m - 1, 1)
    return ack(m - 1, ack(m, n - 1))

for i in range(0, 21, 4):
    print("fib", i, fib(i))
print(fact(0), fact(1), fact(10), fact(20))
print(gcd(1071, 462), gcd(17, 5), gcd(0, 9), gcd(-12, 18))
print(ack(2, 3), ack(3, 3))
