# CPython's error: format index.
print('{1}'.format('a'))
