# a function without return yields None; printing its result prints None
def greet(n):
    print("hello", n)

def early(n):
    if n > 3:
        print("big")
        return
    print("small")

r = greet(1)
print(r)
print(greet(2))
print(early(5), early(1))
greet(3)
early(4)
