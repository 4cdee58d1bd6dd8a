# unbounded mutual recursion raises RecursionError
def ping(n):
    return 1 + pong(n - 1)

def pong(n):
    return ping(n)

print("going deep")
print(ping(100000))
