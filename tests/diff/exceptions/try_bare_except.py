# a bare except catches anything; the loop goes on
total = 0
for i in range(5):
    try:
        total = total + 10 // (i - 2)
    except:
        total = total - 100
print(total)
