print(enumerate([3]))
