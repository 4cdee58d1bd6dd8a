from math import sqrt, square

print(sqrt(4), square(2))
