# moltc-flags: --tier 0
def f(n):
    if n > 0:
        y = 1
    else:
        y = 1.5
    return y

print(f(1))
