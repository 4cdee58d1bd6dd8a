x = [1, 2]
y = [i * 2 for i in x]
