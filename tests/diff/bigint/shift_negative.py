# a negative shift count raises ValueError
def sh(a, n):
    return a << n
print(sh(1, 3))
print(sh(1, -1))
