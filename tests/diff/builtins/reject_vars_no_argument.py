# molt: expect-reject E0102
# `vars()` and `dir()` without an argument read the caller's local names, which compiled code
# does not keep.
def show(a, b):
    return sorted(vars())


print(show(1, 2))
