# and/or short-circuit: right operand only evaluated when needed
def val(i, x):
    print("eval", i)
    return x

print(val(1, 0) and val(2, 5))
print(val(3, 1) and val(4, 5))
print(val(5, 3) or val(6, 4))
print(val(7, 0) or val(8, 0))
print(val(9, 0) or val(10, 0) or val(11, 9) or val(12, 1))
print(val(13, 1) < 2 and val(14, 3) > 5 or val(15, 7) == 7)
if val(16, 0) and val(17, 1):
    print("no")
else:
    print("else branch")
while val(18, 0) or val(19, 0):
    print("no")
print(not val(20, 0) or val(21, 1) > 0)
