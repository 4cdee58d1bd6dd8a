# A nested function that calls itself through its own cell, and mutual recursion of closures.
def fact_maker():
    def fact(n):
        return 1 if n <= 1 else n * fact(n - 1)
    return fact

print(fact_maker()(10), fact_maker()(20))

def parity():
    def is_even(n):
        return True if n == 0 else is_odd(n - 1)
    def is_odd(n):
        return False if n == 0 else is_even(n - 1)
    return is_even, is_odd

ev, od = parity()
print(ev(10), od(7), ev(3))
