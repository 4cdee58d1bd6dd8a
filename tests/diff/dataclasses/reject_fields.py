# molt: expect-reject E0111
# The functions of `dataclasses` other than the decorator, `field`, `asdict`, `astuple`,
# `replace` and `is_dataclass` are not provided yet.
from dataclasses import dataclass, fields


@dataclass
class P:
    x: int


print([f.name for f in fields(P)])
