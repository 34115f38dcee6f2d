"""One salutation rule for subject line, opening sentence, address zone and unit lines."""
from __future__ import annotations

import pytest

from workflow.classify.features import opening_sentence, subject_line
from workflow.classify.flags import address_zone
from workflow.classify.textnorm import is_salutation


@pytest.mark.parametrize("line", ["Sehr geehrte Damen und Herren,", "Grüß Gott Frau Huber,", "Grüss Gott,",
                                  "Gruß Gott Herr Maier", "Moin Herr Jensen,", "Servus,", "Guten Tag,",
                                  "Verehrte Frau Bürgermeisterin,", "SG Damen und Herren,", "  Liebe Nachbarn,"])
def test_salutations_are_recognised(line: str) -> None:
    assert is_salutation(line)


@pytest.mark.parametrize("line", ["SG 44/4326", "Sachgebiet 3.2", "Betreff: Widerspruch", "Gottesdienstordnung",
                                  "Mit freundlichen Grüßen"])
def test_other_lines_are_not_salutations(line: str) -> None:
    assert not is_salutation(line)


LETTER = """Maria Huber
Dorfstraße 3
83024 Rosenheim
SG 44/4326
Gemeinde Beispielstadt
Ordnungsamt
Lärm durch Gaststätte am Marktplatz
Grüß Gott Frau Berger,
seit Wochen ist es nachts laut. Ich bitte um Abhilfe.
Mit freundlichen Grüßen
"""


def test_subject_and_opening_come_from_the_lines_around_a_bavarian_salutation() -> None:
    assert subject_line(LETTER) == "Lärm durch Gaststätte am Marktplatz"
    assert opening_sentence(LETTER).startswith("seit Wochen ist es nachts laut.")


def test_address_zone_ends_at_the_salutation() -> None:
    zone = address_zone(LETTER)
    assert zone[-1] == "larm durch gaststatte am marktplatz"
    assert not any("wochen" in line for line in zone)
