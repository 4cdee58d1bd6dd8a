# Unbounded recursion through function values ends in RecursionError, caught.
def run():
    f = None
    def go(n):
        return f(n + 1)
    f = go
    try:
        go(0)
    except RecursionError as e:
        print("RecursionError:", e)

run()
g = lambda n: g(n + 1)
try:
    g(0)
except RecursionError as e:
    print("again:", e)
