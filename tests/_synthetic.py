"""Synthetic article text shared by the batch tests (written for the tests)."""

import time


def article(i: int) -> str:
    """A short Indonesian-style dump with a title, a dateline, a related link and a body."""
    return (f"Judul berita sintetis nomor {i}\n"
            f"JAKARTA - Ini paragraf pertama berita sintetis nomor {i} yang cukup panjang "
            "untuk dianggap isi berita oleh pembersih.\n"
            "Baca juga: Berita lain yang tidak ada hubungannya\n"
            f"Paragraf kedua menjelaskan kejadian nomor {i} dengan kalimat yang lengkap.\n")


def wait_for(cond, seconds: float = 60.0) -> bool:
    """Poll ``cond`` until it holds (True) or ``seconds`` pass (False)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.02)
    return False
