"""Where each piece of an :class:`~skp_xl.samples.plan.Isian` goes in an SKP workbook.

Cells are found in a generated workbook the way a user or reader finds them (defined names,
and the one table locator :mod:`skp_xl.reader.tables` through :mod:`skp_xl.workbook.fill`),
once per jenis x pendekatan; filling a pegawai's workbook is then a dictionary of cell ->
value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from openpyxl.utils.cell import coordinate_from_string
from openpyxl.workbook.workbook import Workbook

from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan, PeriodePelaporan, SiklusEvaluasi
from skp_xl.forms.catalog import MANUAL_IKI_TABLE, SKP_TABLE, workbook_spec
from skp_xl.forms.model import eval_name, identity_name
from skp_xl.forms.text import BERAKHLAK
from skp_xl.reader.tables import Cell, Table
from skp_xl.samples import data
from skp_xl.samples.content import Evaluasi, HasilKerja
from skp_xl.samples.plan import Isian, Orang
from skp_xl.workbook.fill import named, narasi, table

Value = str | int | float
"""What is typed into a cell."""

_LAMPIRAN = {
    "LAMPIRAN_DUKUNGAN": data.LAMPIRAN_DUKUNGAN,
    "LAMPIRAN_SKEMA": data.LAMPIRAN_SKEMA,
    "LAMPIRAN_KONSEKUENSI": data.LAMPIRAN_KONSEKUENSI,
}


@dataclass(frozen=True)
class Layout:
    """The input cells of one template (jenis x pendekatan).

    Attributes:
        jenis: Jenis jabatan of the template.
        pendekatan: Its pendekatan.
        names: Defined name -> its (first) cell.
        tables: Table body name -> where its columns and blocks are.
        headers: Table body name -> column key (``rhk``, ``target_min``...) -> header.
        siklus: How often the workbook is evaluated (the Manual IKI reports as often).
    """

    jenis: JenisJabatan
    pendekatan: Pendekatan
    names: Mapping[str, Cell]
    tables: Mapping[str, Table]
    headers: Mapping[str, Mapping[str, str]]
    siklus: SiklusEvaluasi = SiklusEvaluasi.TRIWULANAN

    @classmethod
    def of(
        cls,
        wb: Workbook,
        jenis: JenisJabatan,
        pendekatan: Pendekatan,
        siklus: SiklusEvaluasi = SiklusEvaluasi.TRIWULANAN,
    ) -> Layout:
        """Read the layout of a workbook built by :func:`skp_xl.workbook.writer.build_workbook`."""
        spec = workbook_spec(jenis, pendekatan, siklus)
        headers = {
            form.tabel.name: {k.key: k.judul for k in form.tabel.kolom}
            for form in spec.forms
            if form.tabel is not None
        }
        names = {}
        for name in wb.defined_names:
            try:
                names[name] = named(wb, name)
            except ValueError:  # a name of several areas: not an input
                continue
        return cls(
            jenis,
            pendekatan,
            names,
            {name: table(wb, name) for name in headers},
            headers,
            siklus,
        )

    def cell(self, name: str, key: str, block: int, offset: int = 0) -> Cell:
        """The cell of column ``key`` of table ``name``, line ``offset`` of ``block``."""
        return self.tables[name].cell(self.headers[name][key], block, offset)

    def cells(self, isian: Isian) -> dict[Cell, Value]:
        """Every cell typed for ``isian``, with its value.

        Raises:
            ValueError: The isian is for another jenis or pendekatan.
        """
        rencana = isian.rencana
        if (rencana.jenis, rencana.pendekatan) != (self.jenis, self.pendekatan):
            raise ValueError(
                f"isian {rencana.jenis}/{rencana.pendekatan} on a {self.jenis}/"
                f"{self.pendekatan} template"
            )
        result: dict[Cell, Value] = {}
        for name, value in identitas(isian).items():
            result[self.names[name]] = value
        for number, text in enumerate(data.EKSPEKTASI, start=1):
            result[self.names[f"SKP_EKSPEKTASI_{number}"]] = text
        for name, lines in _LAMPIRAN.items():
            sheet, first = self.names[name]
            column, row = coordinate_from_string(first)
            for offset, line in enumerate(lines):
                result[sheet, f"{column}{row + offset}"] = line
        skp = self.tables[SKP_TABLE]
        for block, hasil in self._blocks(isian):
            self._rencana(result, skp, block, hasil)
        for evaluasi in isian.evaluasi:
            self._evaluasi(result, isian, evaluasi)
        if isian.evaluasi:
            result[self.names["DOKUMEN_PERIODE"]] = isian.evaluasi[-1].periode.value
            result[self.names["DOKUMEN_CATATAN"]] = data.DOKUMEN_CATATAN
        return result

    def _blocks(self, isian: Isian) -> list[tuple[int, HasilKerja]]:
        """Each hasil kerja with its block: utama from the top, tambahan after the row."""
        skp = self.tables[SKP_TABLE]
        blocks = []
        utama = tambahan = 0
        for hasil in isian.rencana.hasil_kerja:
            if hasil.jenis.value == "Utama":
                blocks.append((utama, hasil))
                utama += 1
            else:
                blocks.append((skp.utama + tambahan, hasil))
                tambahan += 1
        return blocks

    def _rencana(
        self, result: dict[Cell, Value], skp: Table, block: int, hasil: HasilKerja
    ) -> None:
        manual = MANUAL_IKI_TABLE in self.tables
        if self.pendekatan is Pendekatan.KUALITATIF:
            hasil_cell, ukuran_cell = narasi(skp, block)
            result[hasil_cell] = hasil.rhk
            assert hasil.ukuran is not None
            result[ukuran_cell] = hasil.ukuran
            if manual:
                self._manual(result, block, 0, hasil.rhk, hasil.kendali, "dokumen")
            return
        row = {"rhk": hasil.rhk}
        if hasil.rhk_pimpinan is not None:
            row["rhk_pimpinan"] = hasil.rhk_pimpinan
        self._put(result, SKP_TABLE, block, 0, row)
        for offset, iki in enumerate(hasil.iki):
            line: dict[str, Value] = {
                "iki": iki.teks,
                "target_min": iki.target_min,
                "satuan": iki.satuan,
            }
            if iki.target_maks is not None:
                line["target_maks"] = iki.target_maks
            if iki.aspek is not None:
                line["aspek"] = iki.aspek.value
            if iki.perspektif is not None:
                line["perspektif"] = iki.perspektif.value
            self._put(result, SKP_TABLE, block, offset, line)
            if manual:
                self._manual(result, block, offset, hasil.rhk, iki.kendali, None)

    def _put(
        self,
        result: dict[Cell, Value],
        name: str,
        block: int,
        offset: int,
        values: Mapping[str, Value],
    ) -> None:
        for key, value in values.items():
            result[self.cell(name, key, block, offset)] = value

    def _manual(
        self,
        result: dict[Cell, Value],
        block: int,
        offset: int,
        rhk: str,
        kendali: object,
        satuan: str | None,
    ) -> None:
        rows = {
            key: text.format(rhk_kecil=rhk[:1].lower() + rhk[1:])
            for key, text in data.MANUAL_IKI.items()
        }
        rows["periode_pelaporan"] = (
            PeriodePelaporan.BULANAN
            if self.siklus is SiklusEvaluasi.BULANAN
            else PeriodePelaporan.TRIWULANAN
        ).value
        if kendali is not None:
            rows["kualitas_kendali"] = str(kendali)
        if satuan is not None:
            rows["satuan"] = satuan
        self._put(result, MANUAL_IKI_TABLE, block, offset, rows)

    def _evaluasi(self, result: dict[Cell, Value], isian: Isian, evaluasi: Evaluasi) -> None:
        periode = evaluasi.periode
        name = eval_name(periode, "HASIL_KERJA")
        result[self.names[eval_name(periode, "CAPAIAN_ORGANISASI")]] = (
            evaluasi.capaian_organisasi.value
        )
        result[self.names[eval_name(periode, "RATING_HASIL_KERJA")]] = (
            evaluasi.rating_hasil_kerja.value
        )
        result[self.names[eval_name(periode, "RATING_PERILAKU")]] = evaluasi.rating_perilaku.value
        feedback = data.UMPAN_BALIK_PERILAKU[evaluasi.rating_perilaku.value]
        for number in range(1, len(BERAKHLAK) + 1):
            result[self.names[eval_name(periode, f"UMPAN_BALIK_PERILAKU_{number}")]] = feedback
        bukti = f"Laporan {'tahunan' if periode.value == 'Akhir' else periode.value}"
        for index, (block, _) in enumerate(self._blocks(isian)):
            rating = evaluasi.penilaian[index].value
            row: dict[str, Value] = {"umpan_balik": data.UMPAN_BALIK_HASIL_KERJA[rating]}
            if self.pendekatan is Pendekatan.KUALITATIF:
                row["realisasi"] = data.REALISASI_KUALITATIF[rating]
                row["penilaian"] = rating
            self._put(result, name, block, 0, row)
            if self.pendekatan is Pendekatan.KUANTITATIF and not evaluasi.tanpa_realisasi:
                for offset, value in enumerate(evaluasi.realisasi[index]):
                    line: dict[str, Value] = {"realisasi_angka": value, "bukti": bukti}
                    given = (
                        evaluasi.target_periode[index][offset] if evaluasi.target_periode else None
                    )
                    if given is not None:
                        line["target_periode"] = given
                    self._put(result, name, block, offset, line)


def _orang(peran: str, orang: Orang) -> dict[str, Value]:
    values: dict[str, Value] = {
        identity_name(peran, "NAMA"): orang.nama,
        identity_name(peran, "JABATAN"): orang.jabatan,
        identity_name(peran, "UNIT_KERJA"): orang.unit_kerja,
    }
    if orang.nip is not None:
        values[identity_name(peran, "NIP")] = orang.nip
    if orang.pangkat is not None:
        values[identity_name(peran, "PANGKAT")] = orang.pangkat
    return values


def identitas(isian: Isian) -> dict[str, Value]:
    """The Identitas inputs by defined name (``PEGAWAI_NIP``, ``SKP_TAHUN``...)."""
    berkas = isian.berkas
    values = _orang("PEGAWAI", berkas.orang())
    if isian.nip_angka:  # as Excel keeps it: 15 significant digits
        values["PEGAWAI_NIP"] = float(f"{int(berkas.pegawai.nip):.15g}")
    values |= _orang("PENILAI", berkas.penilai)
    if berkas.atasan is not None:
        values |= _orang("ATASAN", berkas.atasan)
    values |= {
        "SKP_INSTANSI": isian.instansi,
        "SKP_TAHUN": isian.tahun,
        "SKP_PERIODE_MULAI": berkas.mulai,
        "SKP_PERIODE_SELESAI": berkas.selesai,
        "SKP_TEMPAT": data.TEMPAT,
    }
    return values
