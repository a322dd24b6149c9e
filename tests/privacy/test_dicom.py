"""DICOM de-identification on pydicom's bundled test files (the only ones available offline)."""

from __future__ import annotations

from pathlib import Path

import pydicom
import pytest
from pydicom.data import get_testdata_file

from fenzhen.errors import InputError
from fenzhen.privacy import deidentify_dicom

KEY = "clinic-secret-key-0123456789"


def _ct() -> Path:
    return Path(str(get_testdata_file("CT_small.dcm")))


def _study(tmp_path: Path, n: int = 2) -> Path:
    """Two instances of one study (same StudyInstanceUID, different SOPInstanceUIDs)."""
    src = tmp_path / "in"
    src.mkdir()
    for i in range(n):
        ds = pydicom.dcmread(_ct())
        ds.SOPInstanceUID = f"{ds.SOPInstanceUID}.{i + 1}"
        ds.InstanceNumber = i + 1
        ds.save_as(src / f"img{i}.dcm")
    return src


def test_single_file_annex_e(tmp_path: Path) -> None:
    original = pydicom.dcmread(_ct())
    result = deidentify_dicom(_ct(), tmp_path / "out.dcm", key=KEY)
    ds = pydicom.dcmread(tmp_path / "out.dcm")
    assert ds.PatientIdentityRemoved == "YES"
    assert "PS3.15 Annex E Basic Profile" in list(ds.DeidentificationMethod)
    assert [c.CodeValue for c in ds.DeidentificationMethodCodeSequence] == ["113100", "113107", "113108"]
    assert ds.PatientName != original.PatientName and ds.PatientID != original.PatientID
    assert ds.StudyInstanceUID != original.StudyInstanceUID
    assert ds.StudyDate != original.StudyDate  # shifted
    assert not any(elem.tag.is_private for elem in ds)
    assert result.files[0].burned_in == "unknown" and result.warnings == []


def test_folder_keeps_study_uid_consistent_and_key_reproducible(tmp_path: Path) -> None:
    src = _study(tmp_path)
    deidentify_dicom(src, tmp_path / "a", key=KEY)
    deidentify_dicom(src, tmp_path / "b", key=KEY)
    a = [pydicom.dcmread(tmp_path / "a" / f"img{i}.dcm") for i in range(2)]
    b0 = pydicom.dcmread(tmp_path / "b" / "img0.dcm")
    assert a[0].StudyInstanceUID == a[1].StudyInstanceUID == b0.StudyInstanceUID
    assert a[0].SOPInstanceUID != a[1].SOPInstanceUID


def test_burned_in_annotation_is_flagged(tmp_path: Path) -> None:
    ds = pydicom.dcmread(_ct())
    ds.BurnedInAnnotation = "YES"
    ds.save_as(tmp_path / "burned.dcm")
    us = pydicom.dcmread(_ct())
    us.Modality = "US"
    us.save_as(tmp_path / "us.dcm")
    r1 = deidentify_dicom(tmp_path / "burned.dcm", tmp_path / "o1.dcm")
    r2 = deidentify_dicom(tmp_path / "us.dcm", tmp_path / "o2.dcm")
    assert r1.files[0].burned_in == "yes" and "BurnedInAnnotation=YES" in r1.warnings[0]
    assert pydicom.dcmread(tmp_path / "o1.dcm").PatientIdentityRemoved == "NO"
    assert r2.files[0].burned_in == "unknown" and "modality US" in r2.warnings[0]


def test_bad_file_in_folder_writes_nothing(tmp_path: Path) -> None:
    src = _study(tmp_path)
    (src / "notes.txt").write_text("患者李明，电话13800138000", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(InputError) as info:
        deidentify_dicom(src, out)
    assert "notes.txt" in info.value.message and "13800138000" not in info.value.message
    assert list(out.iterdir()) == []


def test_truncated_dicom_is_rejected(tmp_path: Path) -> None:
    bad = tmp_path / "cut.dcm"
    bad.write_bytes(_ct().read_bytes()[:200])
    with pytest.raises(InputError):
        deidentify_dicom(bad, tmp_path / "o.dcm")
    assert not (tmp_path / "o.dcm").exists()
