"""One recognizer per module; `default_recognizers()` builds the set the engine runs."""

from __future__ import annotations

from fenzhen.privacy.recognizers.age_over_89 import AgeOver89Recognizer
from fenzhen.privacy.recognizers.bank_card import BankCardRecognizer
from fenzhen.privacy.recognizers.base import Recognizer
from fenzhen.privacy.recognizers.date import DateRecognizer
from fenzhen.privacy.recognizers.email import EmailRecognizer
from fenzhen.privacy.recognizers.en_address import EnAddressRecognizer
from fenzhen.privacy.recognizers.en_name import EnNameRecognizer
from fenzhen.privacy.recognizers.hospital import HospitalRecognizer
from fenzhen.privacy.recognizers.ip_address import IpAddressRecognizer
from fenzhen.privacy.recognizers.licence_plate import LicencePlateRecognizer
from fenzhen.privacy.recognizers.phone import PhoneRecognizer
from fenzhen.privacy.recognizers.record_number import RecordNumberRecognizer
from fenzhen.privacy.recognizers.social_account import SocialAccountRecognizer
from fenzhen.privacy.recognizers.url import UrlRecognizer
from fenzhen.privacy.recognizers.us_ssn import UsSsnRecognizer
from fenzhen.privacy.recognizers.zh_address import ZhAddressRecognizer
from fenzhen.privacy.recognizers.zh_id_card import ZhIdCardRecognizer
from fenzhen.privacy.recognizers.zh_name import ZhNameRecognizer
from fenzhen.privacy.recognizers.zh_name_speaker import ZhSpeakerNameRecognizer

__all__ = ["Recognizer", "default_recognizers"]


def default_recognizers() -> list[Recognizer]:
    """Return a fresh instance of every built-in recognizer (Chinese and English)."""
    return [
        ZhIdCardRecognizer(),
        UsSsnRecognizer(),
        PhoneRecognizer(),
        RecordNumberRecognizer(),
        SocialAccountRecognizer(),
        BankCardRecognizer(),
        EmailRecognizer(),
        UrlRecognizer(),
        IpAddressRecognizer(),
        LicencePlateRecognizer(),
        DateRecognizer(),
        AgeOver89Recognizer(),
        ZhNameRecognizer(),
        ZhSpeakerNameRecognizer(),
        EnNameRecognizer(),
        ZhAddressRecognizer(),
        EnAddressRecognizer(),
        HospitalRecognizer(),
    ]
