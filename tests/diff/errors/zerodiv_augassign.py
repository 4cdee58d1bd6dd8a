# ZeroDivisionError from //= inside a loop once the divisor reaches 0
total = 1000
for d in range(3, -1, -1):
    total //= d
    print(d, total)
print("unreachable")
