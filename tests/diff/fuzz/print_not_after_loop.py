# print(not c) after a loop: at -O0 the i1 passed to molt_print_bool lacked zeroext (garbage, UB)
c = 0
while c < 1:
    c += 1
print(not c)
