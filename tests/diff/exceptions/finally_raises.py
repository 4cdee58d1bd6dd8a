# An exception raised in finally while another is handled: it gets the first as context.
def f():
    try:
        1 // 0
    finally:
        print("cleanup")
        raise ValueError("in finally")

f()
