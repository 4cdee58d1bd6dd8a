# a bare raise with no exception being handled
print("start")
raise
