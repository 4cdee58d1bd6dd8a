# A call CPython refuses: its TypeError (caught).
def f(a):
    return a

try:
    f()
except TypeError as e:
    print('caught:', e)
print(f(5))
