print(sorted(3))
