# a traceback through several frames: carets under the call that does not fill its line, none
# under a call that does, ~~^^~~ under the failing operator
def f(x):
    return 1 // x

def g():
    f(0)

y = g()
