print(open("f"))
