# raise ... from None suppresses the context.
def lookup(k):
    try:
        return 10 // k
    except ZeroDivisionError:
        raise KeyError(k) from None

print(lookup(2))
lookup(0)
