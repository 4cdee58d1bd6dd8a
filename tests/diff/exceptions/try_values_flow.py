# variables assigned before the failing statement reach the handler with their values then
def f(n):
    step = 0
    try:
        step = 1
        a = 100 // n
        step = 2
        b = a + 1
        step = 3
    except ZeroDivisionError:
        print("failed at step", step)
        return step
    return b

print(f(5), f(0))
