# pass in every statement position
def nothing(x):
    pass

if 1 > 0:
    pass
else:
    pass
for i in range(3):
    pass
j = 0
while j < 3:
    j += 1
    pass
print(nothing(5), j)
