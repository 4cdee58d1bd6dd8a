import math

math.pi = 3
print(math.pi)
