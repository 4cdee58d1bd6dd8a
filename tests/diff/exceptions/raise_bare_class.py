# raise a class without calling it: an exception without arguments
print("before")
raise KeyError
