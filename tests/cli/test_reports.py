"""`kamtibmas reports export|stats`: the reports on the command line."""

from __future__ import annotations

import asyncio
import csv
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.delivery import DeliveryService
from bot.services.areas import AreaService
from bot.services.reports import Draft
from bot.services.reports import ReportService
from bot.services.reports import ReportSettings
from storage.db import Database
from storage.models import ReportCategory
from tests.cli.helpers import Kamtibmas


def _reports(db: Database) -> None:
    """Two reports from Kronto, one of them anonymous."""
    areas = AreaService(db)
    areas.load_sync()
    service = ReportService(
        db, areas, DeliveryService(db), ReportSettings(timezone=ZoneInfo("Asia/Jakarta"))
    )
    kronto = next(e for e in areas.index.entries if e.name == "Kronto")
    for number, anonymous in enumerate((False, True)):
        draft = Draft(
            f"{number:016x}",
            ReportCategory.PENCURIAN,
            'Motor hilang, "kunci" dicabut',
            kronto.id,
            anonymous=anonymous,
        )
        asyncio.run(service.submit(1000 + number, draft))


def test_export_and_stats(cli: Kamtibmas, pasuruan_db: Database, tmp_path: Path) -> None:
    _reports(pasuruan_db)
    target = tmp_path / "laporan.csv"
    done = cli("reports", "export", "--csv", str(target), "--polsek", "lumbang")
    assert done.code == 0, done.err
    assert "2 reports written" in done.out
    rows = list(csv.DictReader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert [r["kode"] for r in rows] == ["LMB-0001", "LMB-0002"]
    assert rows[0]["uraian"] == 'Motor hilang, "kunci" dicabut'
    assert [r["pelapor"] for r in rows] == ["bernama", "anonim"]  # never who
    assert "+07:00" in rows[0]["dibuat"]
    to_stdout = cli("reports", "export")
    assert to_stdout.out.startswith("kode,dibuat,kategori")
    stats = cli("reports", "stats")
    assert "reports 2" in stats.out and "pencurian" in stats.out and "Kronto" in stats.out
    unknown = cli("reports", "stats", "--polsek", "Polsek Atlantis")
    assert unknown.code == 1 and "No Polsek named 'Polsek Atlantis'" in unknown.err
    unwritable = cli("reports", "export", "--csv", str(tmp_path / "missing" / "x.csv"))
    assert unwritable.code == 1 and "Cannot write" in unwritable.err
