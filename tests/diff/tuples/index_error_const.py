# IndexError for a constant index on a tuple whose length is known at compile time.
def last(t):
    return t[2]

print(last((1, 2, 3)))
print(last((1, 2)))
