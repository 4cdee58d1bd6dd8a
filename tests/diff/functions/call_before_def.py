# functions may call functions defined later in the file
def main(n):
    return helper(n) + 1

def helper(n):
    return square(n) * 2

def square(n):
    return n * n

print(main(3), main(-4))
