# float() of text that is not a number raises CPython's ValueError
print(float("1.5"))
print(float("1.5x"))
