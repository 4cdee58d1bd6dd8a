# moltc-flags: --tier 0
t = (1, 2)
print(t + (3,))
