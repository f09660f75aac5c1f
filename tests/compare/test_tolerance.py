import pytest

from parallax.compare.tolerance import precision_of, values_agree


@pytest.mark.parametrize(
    ("a", "b", "qa", "qb"),
    [
        (18.7e9, 18.7e9, None, None),
        (18.7e9, 19e9, None, "about"),  # "nearly 19 billion"
        (18.7e9, 19e9, None, None),  # plain rounding to whole billions
        (170, 170, "more_than", None),
        (172, 170, None, "more_than"),  # "more than 170" admits 172
        (3.9, 3.9, None, None),
        (1_200_000, 1.2e6, None, None),
        (1240, 1000, None, "more_than"),  # "more than a thousand" allows 1,000-2,000
        (2100, 2000, None, "more_than"),
        (290, 300, None, "up_to"),
        (300, 300, "target", None),  # "довести до 300" is the figure 300, no bound
        (300, 300, "target", "up_to"),
        (16, 16.0, None, "target"),
    ],
)
def test_values_that_agree(a, b, qa, qb):
    assert values_agree(a, b, qa, qb)
    assert values_agree(b, a, qb, qa)


@pytest.mark.parametrize(
    ("a", "b", "qa", "qb"),
    [
        (250, 230, None, None),
        (5.2e9, 5.5e9, None, None),
        (1000, 1200, None, None),  # a round figure does not swallow a 20% difference
        (168, 170, None, "more_than"),  # below the bound "more than 170"
        (320, 300, None, "up_to"),  # above "up to 300"
        (8, 9, None, None),
        (250, 300, None, "target"),  # a target is a figure, not "anything up to it"
    ],
)
def test_values_that_differ(a, b, qa, qb):
    assert not values_agree(a, b, qa, qb)
    assert not values_agree(b, a, qb, qa)


def test_precision_reads_trailing_zeros_as_rounding():
    assert precision_of(250) == 10
    assert precision_of(18.7e9) == 1e8
    assert precision_of(3.9) == pytest.approx(0.1)
