# The first iterable is not iterable: blamed on the whole comprehension, in the caller.
y = 0
print([x for x in 5])
