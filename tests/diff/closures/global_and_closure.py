# Module variables read and written by nested functions and lambdas.
hits = 0

def make():
    def bump():
        global hits
        hits += 1
        return hits
    return bump

b = make()
b()
b()
print(hits)
scale = 3
f = lambda x: x * scale
print(f(2))
scale = 4
print(f(2))
