# A module variable named like a builtin, read where it may be unbound: CPython would read the
# builtin then (LOAD_NAME), which Molt does not do yet.
for i in range(2):
    len = i
print(len)
