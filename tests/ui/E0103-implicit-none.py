# moltc-flags: --tier 0
def f(n):
    if n:
        return 1

print(f(1))
