# A run-time error: same traceback tail and exit code (1) as CPython.
def ratio(a, b):
    return a / b


print(ratio(1, 4))
print(ratio(1, 0))
