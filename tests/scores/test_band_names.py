"""Every band a score can give has a Chinese name, so the Chinese screens show no English codes."""

import pytest

from fenzhen.domain import AVPU
from fenzhen.scores import consciousness, news2, pews, qsofa, shock_index
from fenzhen.scores.band_names import band_zh


def _bands() -> set[str]:
    bands = set()
    for rr, spo2, sbp, hr, alert, temp in [(12, 97, 120, 70, True, 37.0), (25, 91, 88, 135, False, 39.5),
                                           (22, 95, 120, 95, True, 38.5), (8, 97, 120, 70, True, 37.0)]:
        for scale in (1, 2):
            bands.add(news2(resp_rate_bpm=rr, spo2_pct=spo2, on_oxygen=False, sbp_mmhg=sbp, heart_rate_bpm=hr,
                            consciousness_alert=alert, temp_c=temp, spo2_scale=scale).band)
        bands.add(news2(resp_rate_bpm=rr, spo2_pct=None, on_oxygen=None, sbp_mmhg=None, heart_rate_bpm=hr,
                        consciousness_alert=None, temp_c=None).band)
        bands.add(qsofa(resp_rate_bpm=rr, sbp_mmhg=sbp, altered_mentation=not alert).band)
        bands.add(qsofa(resp_rate_bpm=None, sbp_mmhg=sbp, altered_mentation=None).band)
        for age in (2, 30):
            bands.add(shock_index(heart_rate_bpm=hr, sbp_mmhg=sbp, age_years=age).band)
    bands.add(shock_index(heart_rate_bpm=150, sbp_mmhg=80, age_years=30).band)
    bands.add(shock_index(heart_rate_bpm=None, sbp_mmhg=None, age_years=30).band)
    for gcs in (3, 10, 14, 15):
        bands.add(consciousness(gcs=gcs, avpu=None).band)
    bands.add(consciousness(gcs=None, avpu=None).band)
    bands.add(consciousness(gcs=None, avpu=AVPU.P).band)
    for hr, rr in [(100, 25), (170, 50), (190, 60), (200, 70)]:
        bands.add(pews(age_years=2, heart_rate_bpm=hr, resp_rate_bpm=rr, cap_refill_s=1, avpu=AVPU.A,
                       on_oxygen=False).band)
        bands.add(pews(age_years=2, heart_rate_bpm=hr, resp_rate_bpm=rr, cap_refill_s=None, avpu=None).band)
    return bands


@pytest.mark.parametrize("band", sorted(_bands()))
def test_every_band_has_a_chinese_name(band: str) -> None:
    zh = band_zh(band)
    assert zh != band and not any(word in zh for word in ("incomplete", "low", "high", "available"))


def test_an_unknown_band_is_shown_as_it_is() -> None:
    assert band_zh("something new") == "something new"
