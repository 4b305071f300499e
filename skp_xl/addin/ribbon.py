"""The SKP ribbon tab's one entry point: a button's control id to its action.

The add-in's VBA callback runs, for every button,
``RunPython "import skp_xl.addin.ribbon as r; r.dispatch('<control id>')"``. In Excel the
result, or what went wrong, is shown in a message box and a fault's traceback goes to the
log only; given a :class:`~skp_xl.addin.filebook.FileBook`, the result is returned and a
failure raised as :class:`~skp_xl.errors.AddinError`, its message the same text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from skp_xl import __version__
from skp_xl.addin import actions, livebook, logs
from skp_xl.addin.book import Book
from skp_xl.addin.livebook import LiveBook
from skp_xl.errors import AddinError

ACTIONS: Mapping[str, Callable[[Book], actions.Hasil]] = MappingProxyType(
    {
        "skpPeriksa": actions.periksa,
        "skpSaranRating": actions.saran_rating,
        "skpTambahHasilKerja": actions.tambah_hasil_kerja,
        "skpTambahIki": actions.tambah_iki,
        "skpEksporPdf": actions.ekspor_pdf,
        "skpBuatBawahan": actions.buat_skp_bawahan,
        "skpKonsolidasi": actions.konsolidasi_folder,
        "skpTentang": actions.tentang,
    }
)
"""Ribbon control id -> action, one per button of the SKP tab."""

WITHOUT_WORKBOOK: frozenset[str] = frozenset({"skpTentang"})
"""Buttons that run, on the add-in itself, when no workbook is open.

Only Tentang: it reports versions and the log, which a user asks for precisely when
nothing works yet. Every other button reads or changes a workbook, and Konsolidasi Folder
takes its folder from the workbook (its folder, or its ``KONSOLIDASI_FOLDER`` cell); on
the add-in that would be the add-in's own folder, so it refuses rather than summarise the
wrong folder. An unknown button id only says so, which needs no workbook either.
"""


def dispatch(control_id: str, book: Book | None = None) -> actions.Hasil | None:
    """Run the action of the button ``control_id`` on ``book``.

    Args:
        control_id: The ribbon button's id, e.g. ``skpPeriksa``.
        book: The workbook; when omitted, the one the button acts on in Excel: the active
            workbook when the caller (``xw.Book.caller()``) is the add-in, see
            :meth:`LiveBook.for_button <skp_xl.addin.livebook.LiveBook.for_button>`.

    Returns:
        What the action did; None when it failed in Excel (the message box said why).

    Raises:
        AddinError: The action failed on a non-interactive book (a file); the message is
            what Excel would have shown. Never a bare traceback.
    """
    log = logs.setup()
    action = ACTIONS.get(control_id)
    if book is None:
        try:
            caller = livebook.excel_caller()
        except Exception as error:
            logs.logger.exception("%s: no calling workbook", control_id)
            raise AddinError(
                "Perintah SKP dijalankan dari tombol pita SKP di Excel; di luar Excel berikan "
                "buku kerjanya, mis. dispatch(id, FileBook.open(path))."
            ) from error
        try:
            # The caller is the add-in: the button acts on the active workbook.
            needs = action is not None and control_id not in WITHOUT_WORKBOOK
            book = LiveBook.for_button(caller, need_workbook=needs)
        except AddinError as error:
            logs.logger.info("%s refused: %s", control_id, error)
            # No workbook to show it in: the add-in's Excel shows the message.
            LiveBook(caller).tell(str(error), error=True)
            return None
    logs.logger.info("%s on %s", control_id, book.label)
    if action is None:
        _failed(
            book,
            f"Tombol '{control_id}' tidak dikenal skp-xl {__version__}; perbarui add-in SKP "
            "(skp-xl addin install) agar tombol dan program sejalan.",
            None,
        )
        return None
    try:
        hasil = action(book)
    except AddinError as error:
        logs.logger.info("%s refused: %s", control_id, error)
        _failed(book, str(error), error)
        return None
    except Exception as error:
        logs.logger.exception("%s failed on %s", control_id, book.label)
        _failed(
            book,
            f"skp-xl gagal menjalankan perintah ini ({type(error).__name__}: {error}). Ini "
            "kesalahan skp-xl, bukan kesalahan Anda; rinciannya tercatat di log "
            f"{log}. Laporkan beserta berkas log itu.",
            error,
        )
        return None
    logs.logger.info("%s done: %s", control_id, hasil.pesan)
    if book.interactive:
        book.tell(hasil.pesan)
    return hasil


def _failed(book: Book, message: str, cause: BaseException | None) -> None:
    if not book.interactive:
        raise AddinError(message) from cause
    book.tell(message, error=True)
