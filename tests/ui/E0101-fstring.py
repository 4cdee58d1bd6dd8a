print(f"{1}")
