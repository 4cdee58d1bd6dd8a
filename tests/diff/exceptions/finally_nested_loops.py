# Nested try/finally inside loops: break and continue run every finally between, innermost first.
total = 0
for i in range(3):
    for j in range(3):
        try:
            try:
                if j == 1:
                    continue
                if i == 2:
                    break
                total += i * j
            finally:
                print("inner", i, j)
        finally:
            print("outer", i, j)
print(total)
def ret(x):
    for i in range(5):
        try:
            try:
                if i == x:
                    return i * 10
            finally:
                print("a", i)
        finally:
            print("b", i)
    return -1
print(ret(2), ret(9))
