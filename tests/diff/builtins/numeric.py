# round (banker's rounding, ndigits), divmod, ord, chr, id.
print(round(2.5), round(3.5), round(-0.5), round(0.1 + 0.2, 2), round(2.675, 2), round(1234, -2), round(1250, -2), round(7), round(7.0, None))
print(round(1e300, 2), round(-1.5), round(5, 0), round(12.345, 1), round(0.5, 0), round(-2.5, 0))
print(divmod(7, 2), divmod(-7, 2), divmod(7, -2), divmod(7.5, 2), divmod(-7.5, 2), divmod(2 ** 70, 3))
print(ord("a"), ord("é"), ord("€"), chr(65), chr(233), chr(0x1F600), ord(chr(1234)))
a = [1]
b = a
print(id(a) == id(b), id(a) == id([1]) if False else True, type(id(a)))
