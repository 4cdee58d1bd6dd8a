# moltc-flags: --tier 0
def f(n):
    if n:
        return 1
    return 2.5

print(f(1))
