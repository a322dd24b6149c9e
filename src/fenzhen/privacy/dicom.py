"""De-identify DICOM files: PS3.15 Annex E Basic Application Confidentiality Profile.

dicognito does the attribute work (names, IDs, addresses, equipment, dates shifted by one
offset, UIDs replaced consistently by one `Anonymizer`, so a study stays a study). Fenzhen adds
what the Basic Profile asks and dicognito leaves: private tags removed, free-text attributes
that may hold identifiers removed (``_REMOVE``), PatientIdentityRemoved and the
DeidentificationMethod(CodeSequence) set, and a burned-in annotation check.

Options retained (PS3.15 Table E.1-1, CID 7050): Retain Longitudinal Temporal Information with
Modified Dates (113107: dates are shifted, intervals kept) and Retain Patient Characteristics
(113108: sex, age, size, weight — needed for clinical use). Pixel data are NOT cleaned: an image
whose BurnedInAnnotation is YES, or unknown for a modality that often burns in text, gets a
warning and PatientIdentityRemoved=NO instead of a false YES.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from fenzhen.errors import InputError, PrivacyError

__all__ = ["BURN_IN_MODALITIES", "DicomDeidResult", "DicomFileResult", "deidentify_dicom"]

#: Modalities whose images often carry burned-in text (ultrasound, secondary capture, angiography,
#: fluoroscopy, endoscopy, other) — PS3.15 E.3.1 and common practice.
BURN_IN_MODALITIES = frozenset({"US", "SC", "XA", "RF", "ES", "OT", "GM", "XC", "IVUS"})
#: Basic Profile attributes (action X) that dicognito does not remove.
_REMOVE = (
    "AdditionalPatientHistory",
    "AdmittingDiagnosesDescription",
    "ImageComments",
    "PatientComments",
    "StudyComments",
    "RequestAttributesSequence",
    "PerformedProcedureStepDescription",
    "ScheduledProcedureStepDescription",
    "DerivationDescription",
    "MedicalAlerts",
    "Allergies",
    "PatientState",
    "EthnicGroup",
    "PatientBirthTime",
    "OtherPatientNames",
    "PatientBirthName",
    "PatientMotherBirthName",
    "IssuerOfPatientID",
    "AdmissionID",
    "InstitutionAddress",
    "InstitutionalDepartmentName",
    "PerformingPhysicianName",
    "NameOfPhysiciansReadingStudy",
    "PhysiciansOfRecord",
    "OperatorsName",
    "RequestingPhysician",
    "ContentCreatorName",
    "DeviceSerialNumber",
    "ProtocolName",
    "StudyDescription",
    "SeriesDescription",
    "TextComments",
    "AcquisitionComments",
    "InterpretationText",
    "ReasonForTheRequestedProcedure",
)
_CODES = (
    ("113100", "Basic Application Confidentiality Profile"),
    ("113107", "Retain Longitudinal Temporal Information Modified Dates Option"),
    ("113108", "Retain Patient Characteristics Option"),
)
#: DeidentificationMethod (LO, multi-valued, 64 characters per value).
_METHOD = (
    "Fenzhen with DICOGNITO",
    "PS3.15 Annex E Basic Profile",
    "Retain Modified Dates Option",
    "Retain Patient Characteristics Option",
)


@dataclass(frozen=True)
class DicomFileResult:
    """One written file: its path relative to the input, burned-in status and warnings."""

    source: str
    output: str
    burned_in: str  # "yes", "no" or "unknown"
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DicomDeidResult:
    """Every file written, and all warnings (burned-in annotation) in one list."""

    files: list[DicomFileResult]
    method: tuple[str, ...] = _METHOD

    @property
    def warnings(self) -> list[str]:
        """All warnings of all files."""
        return [w for f in self.files for w in f.warnings]

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready dict."""
        return {"method": self.method, "files": [f.__dict__ for f in self.files], "warnings": self.warnings}


def _inputs(in_path: Path) -> list[Path]:
    if in_path.is_file():
        return [in_path]
    if not in_path.is_dir():
        raise InputError.for_field("in_path", in_path.name, "does not exist")
    files = sorted(p for p in in_path.rglob("*") if p.is_file() and not p.name.startswith("."))
    if not files:
        raise InputError.for_field("in_path", in_path.name, "contains no files")
    return files


def _check_readable(files: list[Path], root: Path) -> None:
    """Open every header first, so a bad file stops the run before anything is written."""
    import pydicom
    from pydicom.errors import InvalidDicomError

    for path in files:
        shown = path.name if path == root or root not in path.parents else str(path.relative_to(root))
        try:
            ds = pydicom.dcmread(path)
        except (InvalidDicomError, EOFError, OSError, ValueError, KeyError) as exc:
            raise InputError.for_field(
                "dicom file",
                shown,
                f"is not a readable DICOM file ({type(exc).__name__})",
                "DICOM Part 10 files with a 'DICM' preamble",
            ) from None
        missing = [k for k in ("SOPClassUID", "SOPInstanceUID") if k not in ds]
        if missing:
            raise InputError.for_field(
                "dicom file",
                shown,
                f"is truncated or incomplete (no {', '.join(missing)})",
                "complete DICOM instances",
            ) from None


def _burned_in(ds: object, rel: str) -> tuple[str, list[str]]:
    value = str(getattr(ds, "BurnedInAnnotation", "") or "").upper()
    modality = str(getattr(ds, "Modality", "") or "").upper()
    if value == "YES":
        return "yes", [
            f"{rel}: BurnedInAnnotation=YES: pixel data may show identifiers; review before sharing"
        ]
    if value == "NO":
        return "no", []
    if modality in BURN_IN_MODALITIES:
        return "unknown", [
            f"{rel}: modality {modality} often has burned-in text and BurnedInAnnotation is "
            "absent; review pixel data before sharing"
        ]
    return "unknown", []


def _annex_e_extras(ds: object, burned_in: str) -> None:
    from pydicom.dataset import Dataset
    from pydicom.sequence import Sequence

    assert isinstance(ds, Dataset)
    ds.remove_private_tags()
    for keyword in _REMOVE:
        if keyword in ds:
            delattr(ds, keyword)
    ds.PatientIdentityRemoved = (
        "NO"
        if burned_in == "yes"
        or (burned_in == "unknown" and str(ds.get("Modality", "")).upper() in BURN_IN_MODALITIES)
        else "YES"
    )
    ds.DeidentificationMethod = list(_METHOD)
    codes = []
    for value, meaning in _CODES:
        item = Dataset()
        item.CodeValue, item.CodingSchemeDesignator, item.CodeMeaning = value, "DCM", meaning
        codes.append(item)
    ds.DeidentificationMethodCodeSequence = Sequence(codes)
    ds.LongitudinalTemporalInformationModified = "MODIFIED"


def _write_atomic(ds: object, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".fenzhen-", suffix=".part")
    os.close(fd)
    try:
        ds.save_as(tmp, enforce_file_format=True)  # type: ignore[attr-defined]
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def deidentify_dicom(
    in_path: str | os.PathLike[str],
    out_path: str | os.PathLike[str],
    *,
    key: bytes | str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DicomDeidResult:
    """De-identify one DICOM file or every file under a folder (one pseudonym space).

    Args:
        in_path: a DICOM file, or a folder searched recursively.
        out_path: the output file (for a file input) or folder (mirroring the input tree).
        key: the clinic's key; with it, UIDs, IDs and the date offset are the same on every run
            (files of one study processed later still link). Without it they are random per run.
        progress: called as ``progress(done, total)`` after each file.

    Returns:
        A `DicomDeidResult` listing each written file and any burned-in annotation warnings.

    Raises:
        InputError: if the input is missing, empty, or any file is not readable DICOM (nothing
            is written then).
        PrivacyError: if a file could not be de-identified (that file is not written).
    """
    import pydicom
    from dicognito.anonymizer import Anonymizer

    src, dst = Path(in_path), Path(out_path)
    files = _inputs(src)
    root = src if src.is_dir() else src.parent
    _check_readable(files, root)
    seed = (
        None
        if key is None
        else hmac.new(
            key.encode() if isinstance(key, str) else key, b"dicom-seed", hashlib.sha256
        ).hexdigest()
    )
    anonymizer = Anonymizer(seed=seed)
    results: list[DicomFileResult] = []
    for i, path in enumerate(files, start=1):
        rel = path.name if src.is_file() else str(path.relative_to(root))
        target = (dst / path.name if dst.is_dir() else dst) if src.is_file() else dst / rel
        try:
            ds = pydicom.dcmread(path)
            burned, warnings = _burned_in(ds, rel)
            anonymizer.anonymize(ds)
            _annex_e_extras(ds, burned)
            _write_atomic(ds, target)
        except (ValueError, TypeError, AttributeError, KeyError, OSError) as exc:
            raise PrivacyError(
                f"{rel}: could not be de-identified ({type(exc).__name__}); not written"
            ) from None
        results.append(DicomFileResult(rel, str(target), burned, warnings))
        if progress is not None:
            progress(i, len(files))
    return DicomDeidResult(files=results)
