# CPython 3.11: `:=` in a comprehension's iterable is a SyntaxError (symtable.c).
print([x for x in (y := [1, 2])])
