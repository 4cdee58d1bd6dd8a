# CPython's error: round inf.
print(round(float('inf')))
