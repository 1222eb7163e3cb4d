"""Helpers for the view tests: views render well-formed markup, so the
tests parse it with ElementTree and check elements, classes and attributes."""
import xml.etree.ElementTree as ET

import pytest


def parse(html: str) -> ET.Element:
    return ET.fromstring(html)


def by_class(root: ET.Element, cls: str) -> list:
    return [el for el in root.iter() if cls in (el.get("class") or "").split()]


@pytest.fixture
def xml():
    class X:
        pass
    x = X()
    x.parse, x.by_class = parse, by_class
    return x
