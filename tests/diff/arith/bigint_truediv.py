# int / int on operands above 2**53 is correctly rounded (not float(a)/float(b))
a = 5258986265376043509
b = 7399589116837456608
print(a / b)
c = 591064915700530116
d = 1087608058291172413
print(c / d)
print((2 ** 53 + 1) / 2, (2 ** 53 + 3) / 2)
print((2 ** 62 + 1) / 3)
