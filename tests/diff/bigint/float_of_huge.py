# float() of an int beyond the float range raises OverflowError
x = 10 ** 400
print(x > 1e308)
print(float(x))
