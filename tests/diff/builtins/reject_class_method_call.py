# molt: expect-reject E0101
# The methods of set read from the class (`set.union(a, b)`) are not provided yet.
print(set.union({1}, {2}))
