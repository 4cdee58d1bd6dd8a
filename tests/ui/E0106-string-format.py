print("%d apples" % 3)
