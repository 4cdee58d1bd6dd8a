# A name defined twice, by defs in branches, or also assigned: a module variable holding
# whichever function object the program bound last.
def f():
    return 1

print(f())

def f():
    return 2

print(f())
if len("ab") == 2:
    def g(x):
        return x * 2
else:
    def g(x):
        return x * 3
print(g(5))
def h():
    return "h"
keep = h
h = lambda: "lambda"
print(h(), keep())
def user():
    return f() + g(1)
print(user())
