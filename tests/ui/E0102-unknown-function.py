print(len(3))
