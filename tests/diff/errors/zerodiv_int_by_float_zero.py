# int / float zero raises the float error message
n = 5
z = 0.0
print(n / 2.0)
print(n / z)
