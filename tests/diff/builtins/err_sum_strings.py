# CPython's error: sum strings.
print(sum(['a', 'b'], ''))
