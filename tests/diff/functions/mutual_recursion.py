# mutual recursion between functions
def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)

def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)

def hof_f(n):
    if n == 0:
        return 1
    return n - hof_m(hof_f(n - 1))

def hof_m(n):
    if n == 0:
        return 0
    return n - hof_f(hof_m(n - 1))

print(is_even(10), is_odd(10), is_even(7), is_odd(7), is_even(0), is_odd(0))
print(is_even(501))
for i in range(12):
    print(hof_f(i), hof_m(i))
