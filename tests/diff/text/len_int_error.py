# len() of an int raises CPython's TypeError
n = 5
print(len(n))
