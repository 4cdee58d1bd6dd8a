print("the program's time.py runs")
