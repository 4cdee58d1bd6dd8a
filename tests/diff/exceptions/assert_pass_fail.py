# assert: nothing when true; AssertionError with its message when false
def positive(n):
    assert n > 0, "not positive"
    return n

print(positive(5))
assert positive(1) == 1
print(positive(0))
