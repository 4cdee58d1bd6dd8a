print("a starts")
value = 1
import b
b_saw = b.seen_from_b
done = True
print("a ends")
