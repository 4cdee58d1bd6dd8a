# an exception raised in a handler is caught by an enclosing try; the context chain is kept
def risky(n):
    try:
        return 10 // n
    except ZeroDivisionError:
        raise ValueError("n must not be zero")

def safe(n):
    try:
        return risky(n)
    except ValueError as e:
        print("handled:", e)
        return None

print(safe(2), safe(0))
