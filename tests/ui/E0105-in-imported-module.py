# A diagnostic in another module of the program names that module's file.
import uihelpers

print(uihelpers.greet())
