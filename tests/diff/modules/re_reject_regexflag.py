# molt: expect-reject E0111
# re.RegexFlag (an enum.IntFlag) is not provided yet: its flags are plain ints in Molt.
import re

print(re.RegexFlag.IGNORECASE)
