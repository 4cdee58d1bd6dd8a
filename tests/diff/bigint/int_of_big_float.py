# int(float) of large floats is exact
print(int(1e20), int(-1e30), int(2.0 ** 70), int(1.5e300) // 10 ** 290)
