"""Synthetic article text shared by the batch tests (written for the tests)."""


def article(i: int) -> str:
    """A short Indonesian-style dump with a title, a dateline, a related link and a body."""
    return (f"Judul berita sintetis nomor {i}\n"
            f"JAKARTA - Ini paragraf pertama berita sintetis nomor {i} yang cukup panjang "
            "untuk dianggap isi berita oleh pembersih.\n"
            "Baca juga: Berita lain yang tidak ada hubungannya\n"
            f"Paragraf kedua menjelaskan kejadian nomor {i} dengan kalimat yang lengkap.\n")
