"""Batch input and output: readers that turn files, directories, stdin, JSONL and WARC
(plain, .gz or .zst) into :class:`Record` streams, and writers for JSONL and txt/md
that are atomic and resumable.  The parallel runner is :mod:`cleaner.batch`; progress
and the summary are in :mod:`cleaner.io.report`.
"""

from .inputs import InputOptions, Inputs
from .jsonl import JsonlKeys
from .records import Record, error_record
from .writers import DocDirSink, JsonlSink, OutputError, render

__all__ = [
    "DocDirSink",
    "InputOptions",
    "Inputs",
    "JsonlKeys",
    "JsonlSink",
    "OutputError",
    "Record",
    "error_record",
    "render",
]
