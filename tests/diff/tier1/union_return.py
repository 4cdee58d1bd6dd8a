# a function that returns an int or a float or None
def g(n):
    if n > 10:
        return n * 0.5
    if n < 0:
        return None
    return n

print(g(3), g(20), g(-1))
print(g(3) == 3, g(20) == 10.0, g(-1) == None)
