# boxed values and guards inside try bodies and handlers
def f(x):
    try:
        return x * 2 + 1
    except TypeError as e:
        print("type error:", e)
        return 0

def pick(i):
    if i == 0:
        return 3
    if i == 1:
        return 1.5
    return None

for i in range(3):
    print(f(pick(i)))
