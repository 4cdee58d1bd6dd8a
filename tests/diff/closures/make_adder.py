# A closure over a parameter, returned and called later.
def make_adder(n):
    def add(x):
        return x + n
    return add

add5 = make_adder(5)
add10 = make_adder(10)
print(add5(1), add10(1), add5(2.5))
print(make_adder("a")("b"))
