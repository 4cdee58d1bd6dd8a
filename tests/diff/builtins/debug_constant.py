# __debug__ is True (python3 without -O), a constant.
if __debug__:
    print("debug", __debug__)
print(not __debug__, type(__debug__).__name__)
def f():
    return __debug__ and 1
print(f())
