x = [1, 2]
y = list(i * 2 for i in x)
