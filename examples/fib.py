# Recursive Fibonacci, and a few CPython-exact details Molt reproduces.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


for i in range(10):
    print(fib(i), end=" ")
print()
print("fib(30) =", fib(30))
print(7 // -2, 7 % -2, 1 / 3, 2 ** -2, 1e16, 0.1 + 0.2)
