# moltc-flags: --tier 0
def p(b, e):
    return b ** e

print(p(2, 3))
