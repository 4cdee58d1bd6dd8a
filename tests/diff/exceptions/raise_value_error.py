# raise a builtin exception with a message: traceback line, no markers, exit 1
def check(n):
    if n < 0:
        raise ValueError("negative: " + "n")
    return n

print(check(3))
print(check(-1))
