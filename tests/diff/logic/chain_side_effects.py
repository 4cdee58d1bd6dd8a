# chained comparisons evaluate each operand at most once and short-circuit
def val(i, x):
    print("eval", i)
    return x

print(1 < val(1, 5) < 10)
print(1 < val(2, 0) < val(3, 10))
print(val(4, 1) < val(5, 2) < val(6, 3) < val(7, 0) < val(8, 9))
print(val(9, 3) == val(10, 3) >= val(11, 2))
r = 0 < val(12, 7) <= 7
print(r)
