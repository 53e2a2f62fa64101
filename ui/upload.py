"""Put an uploaded file on disk, where :mod:`kpi` reads it (DuckDB reads large files straight from disk)."""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import Protocol

SPOOL_DIR = Path(tempfile.gettempdir()) / "kinerja-uploads"
#: Spooled files older than this are removed when a new file arrives (sessions that end keep theirs otherwise);
#: a session still showing such a file simply spools it again from memory.
MAX_AGE_SECONDS = 6 * 3600


class Uploaded(Protocol):
    """What :func:`spool` needs of a Streamlit ``UploadedFile``."""

    file_id: str
    name: str
    size: int

    def getbuffer(self) -> memoryview: ...


def spool(uploaded: Uploaded) -> Path:
    """Write ``uploaded`` to a temporary file (once per upload) and return its path.

    The file keeps the uploaded name, whose extension tells JSON from CSV; pass
    ``source_name=uploaded.name`` to :mod:`kpi` so messages name the user's file,
    not the temporary one.
    """
    folder = SPOOL_DIR / _safe(uploaded.file_id or "upload")
    path = folder / _safe(Path(uploaded.name).name or "upload")
    if path.is_file() and path.stat().st_size == uploaded.size:
        return path
    _prune()
    folder.mkdir(parents=True, exist_ok=True)
    part = folder / (path.name + ".part")
    with open(part, "wb") as fh:
        fh.write(uploaded.getbuffer())
    part.replace(path)
    return path


def discard(path: Path | None) -> None:
    """Remove a spooled upload (and its folder) once it is no longer shown."""
    if path is not None and path.parent.parent == SPOOL_DIR:
        shutil.rmtree(path.parent, ignore_errors=True)


def _prune() -> None:
    if not SPOOL_DIR.is_dir():
        return
    cutoff = time.time() - MAX_AGE_SECONDS
    for folder in SPOOL_DIR.iterdir():
        try:
            if folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:  # removed by another session meanwhile
            continue


def _safe(name: str) -> str:
    """A file-name part without path separators or control characters."""
    return re.sub(r"[\x00-\x1f/\\:]", "_", name).lstrip(".") or "upload"
