# floor division and modulo of big ints by small ones, every sign
a = 10 ** 25 + 7
print(a // 3, a % 3, a // -3, a % -3, -a // 3, -a % 3, -a // -3, -a % -3)
print(a // a, a % a)
