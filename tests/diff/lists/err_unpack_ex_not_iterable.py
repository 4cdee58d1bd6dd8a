# A starred target of a value that is not iterable.
first, *rest = 5
