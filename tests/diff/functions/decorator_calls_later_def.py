# A decorator that calls a function defined after it: NameError, as in CPython (calls check
# that the callee is bound when a statement before the last def may call it).
def trace(f):
    finish_setup()
    return f

@trace
def g():
    return 1

def finish_setup():
    print("finish_setup")
print(g())
