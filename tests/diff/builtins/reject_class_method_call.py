# molt: expect-reject E0101
# dict.fromkeys (a class method of dict) is not provided yet.
print(dict.fromkeys("ab", 0))
