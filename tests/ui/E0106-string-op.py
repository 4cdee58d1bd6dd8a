print("a" + "b")
