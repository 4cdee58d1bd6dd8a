x = 1
raise ValueError("x") from None
