print("the program's itertools.py runs")
