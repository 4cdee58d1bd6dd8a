if True:
    def f():
        return 1
print(2)
