# dict() of pairs of the wrong length: CPython's ValueError.
print(dict(['ab', 'cde']))
