"""Free text → findings: bilingual lexicon matching with negation."""

from fenzhen.extract.language import detect_language
from fenzhen.extract.lexicon import LexiconMatcher, extract_findings

__all__ = ["LexiconMatcher", "detect_language", "extract_findings"]
