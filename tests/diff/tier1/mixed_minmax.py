# min and max of an int and a float return one of the arguments unchanged
print(min(1, 2.5), max(1, 2.5), min(3, 2.5), max(3.0, 3), min(3, 3.0), max(-0.0, 0))
def clamp(x, lo, hi):
    return max(lo, min(x, hi))
print(clamp(5, 0, 2.5), clamp(-1, 0.5, 3), clamp(2, 0, 3))
