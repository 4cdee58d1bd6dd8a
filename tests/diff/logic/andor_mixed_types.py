# and/or and conditional expressions whose operands have different types, printed directly
print(0 or 2.5, 3 and 2.5, 0.0 or 7, 2.5 and 0)
print(None or 3, 4 or None, 0 and None)
print(1 if 0 else 2.5, 3.5 if 1 else 0)
