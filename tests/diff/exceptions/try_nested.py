# nested try statements: the inner handler does not match, the outer one does
def f(v):
    try:
        try:
            return 10 // v
        except ValueError:
            print("inner")
            return -1
    except ZeroDivisionError as e:
        print("outer", e)
        return -2

print(f(5), f(0))
