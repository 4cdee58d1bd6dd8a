# building a string in a loop with str()
s = ""
for i in range(10):
    s = s + str(i) + ","
print(s, len(s))
