# A starred target with too few values.
a, *b, c = [1]
