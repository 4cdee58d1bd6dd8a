print("fragile runs")
raise ValueError("fragile cannot load")
