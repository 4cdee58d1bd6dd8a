print("geo.point runs", __name__)
origin = (0, 0)
