# CPython 3.11: `:=` in a comprehension in a class body has no function to bind in.
class C:
    v = [(t := i) for i in range(3)]
