# moltc-flags: --tier 0
print(min(1, 2.5))
