# recursive factorial: 21! and beyond exceed 64 bits
def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)

print(fact(20))
print(fact(25))
