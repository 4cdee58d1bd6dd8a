# min/max of an int and a float return the chosen operand unchanged (int stays int)
print(min(3, 2.5), max(3, 2.5))
print(min(1, 2.5), max(1, 0.5))
print(min(2, 2.0), max(2, 2.0), min(2.0, 2), max(2.0, 2))
