"""The volume of blood a complaint states beside a bleed, read only next to the bleed's words."""

import pytest

from fenzhen.extract.blood_volume import blood_volume_near


@pytest.mark.parametrize(("text", "word", "ml"), [
    ("咯血约200ml", "咯血", 200.0),
    ("咯血200ML", "咯血", 200.0),
    ("咯血50毫升", "咯血", 50.0),
    ("coughed up about 150 mL of blood", "coughed up", 150.0),
    ("呕血 100cc", "呕血", 100.0),
    ("咯血少量，已输液500ml", "咯血", None),     # the drip's volume is not the bleed's
    ("咯血 一口", "咯血", None),                  # words, not millilitres
    ("咯血 9999ml", "咯血", None),                # not a volume a patient walks in with
])
def test_blood_volume_near(text: str, word: str, ml: float | None) -> None:
    start = text.index(word)
    stated = blood_volume_near(text, start, start + len(word))
    assert (stated[0] if stated else None) == ml
