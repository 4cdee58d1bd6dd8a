# molt: expect-reject E0111
# The functions of `dataclasses` other than the decorator and `field` are not provided yet.
from dataclasses import asdict, dataclass


@dataclass
class P:
    x: int


print(asdict(P(1)))
