# hash() of tuples through a function (boxed at run time) equals hash() of the literal.
def h(t):
    return hash(t)

print(h((1, 2)) == hash((1, 2)))
print(h((3, (4, 5.5))))
print(hash("abc") == hash("abc"))
