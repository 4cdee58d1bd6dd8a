# try/except catches a ZeroDivisionError raised in the body; else runs when nothing was raised
def safe_div(a, b):
    try:
        r = a // b
    except ZeroDivisionError:
        print("division by zero")
        r = 0
    else:
        print("ok")
    return r

print(safe_div(7, 2))
print(safe_div(7, 0))
