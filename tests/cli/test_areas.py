"""`kamtibmas areas ...`, `kamtibmas polsek ...` and the first-start import of DEFAULT_KABUPATEN."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import Session
from sqlmodel import select

from bot.cli import StartupError
from bot.cli.areas import ensure_default_areas
from bot.config import Settings
from bot.services.area_import import import_areaid
from storage import areas as q
from storage import queries
from storage.db import Database
from storage.models import Area
from storage.models import AreaLevel
from storage.models import Polsek
from tests.cli.helpers import Kamtibmas
from tests.cli.helpers import Outcome

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


def _find(db: Database, level: AreaLevel, name: str, kecamatan: str | None = None) -> Area:
    """The one area of `level` named `name` (inside `kecamatan` when given)."""

    def read(session: Session) -> Area:
        rows = session.exec(select(Area).where(Area.level == level, Area.name == name)).all()
        if kecamatan is not None:
            parent = {a.id for a in q.areas_by_level(session, AreaLevel.KECAMATAN)}
            rows = [
                a
                for a in rows
                if a.parent_id in parent
                and (p := q.get_area(session, a.parent_id or 0)) is not None
                and p.name == kecamatan
            ]
        assert len(rows) == 1, rows
        return rows[0]

    return db.call(read)


def _audit(db: Database) -> list[tuple[str, str, str, str]]:
    entries = db.call(queries.recent_audit, 100)
    return [(e.action, e.actor_label, e.target, e.details) for e in reversed(entries)]


# --- import -----------------------------------------------------------------------------------


def test_import_prints_counts_and_is_idempotent(kamtibmas: Kamtibmas, db: Database) -> None:
    first = kamtibmas("areas", "import", "--kabupaten", "Kabupaten Pasuruan")
    assert first == Outcome(0, "Kabupaten Pasuruan: 390 added, 0 updated, 0 unchanged.\n", "")
    second = kamtibmas("areas", "import", "--kabupaten", "kabupaten pasuruan")
    assert second.out == "Kabupaten Pasuruan: 0 added, 0 updated, 390 unchanged.\n"
    assert len(db.call(q.all_areas)) == 390
    # Only the import that changed something is in the audit log.
    assert _audit(db) == [("area.import", "cli", "Kabupaten Pasuruan", "added=390 updated=0")]


def test_an_ambiguous_kabupaten_exits_2_naming_both(kamtibmas: Kamtibmas, db: Database) -> None:
    result = kamtibmas("areas", "import", "--kabupaten", "Pasuruan")
    assert result.code == 2
    assert "Kabupaten Pasuruan" in result.err and "Kota Pasuruan" in result.err
    assert result.out == ""
    assert db.call(q.all_areas) == []


def test_csv_import_and_its_errors(imported: Kamtibmas, db: Database, tmp_path: Path) -> None:
    good = tmp_path / "desa.csv"
    good.write_text(
        "kabupaten,kecamatan,desa,kode_pos,dusun\n"
        "Kabupaten Pasuruan,Lumbang,Karang Jati,67183,Krajan\n"
        "Kabupaten Pasuruan,Lumbang,Sumberejo Baru,67183,\n"
    )
    result = imported("areas", "import", "--csv", str(good))
    assert result.code == 0, result.err
    assert result.out.startswith(f"{good}: 2 added, 0 updated, ")
    assert len(db.call(q.all_areas)) == 392
    assert _audit(db)[-1] == ("area.import", "cli", str(good), "added=2 updated=0")

    bad = tmp_path / "bad.csv"
    bad.write_text("kabupaten,desa\nKabupaten Pasuruan,Kronto\n")
    refused = imported("areas", "import", "--csv", str(bad))
    assert refused.code == 2
    assert "missing column(s) kecamatan" in refused.err
    missing = imported("areas", "import", "--csv", str(tmp_path / "nope.csv"))
    assert missing.code == 2 and "Cannot read" in missing.err
    assert len(db.call(q.all_areas)) == 392


def test_import_needs_exactly_one_source(kamtibmas: Kamtibmas) -> None:
    assert kamtibmas("areas", "import").code == 2
    both = kamtibmas("areas", "import", "--kabupaten", "X", "--csv", "x.csv")
    assert both.code == 2 and "not allowed with" in both.err


# --- list -------------------------------------------------------------------------------------


def test_list_without_areas_says_how_to_import(kamtibmas: Kamtibmas) -> None:
    result = kamtibmas("areas", "list")
    assert result.code == 0
    assert "kamtibmas areas import --kabupaten" in result.out


def test_list_shows_kecamatan_with_desa_counts_and_polsek(imported: Kamtibmas) -> None:
    assert imported("polsek", "set", "Polsek Lumbang", "--kecamatan", "Kec. Lumbang").code == 0
    assert imported("polsek", "duty-chat", "Polsek Lumbang", "-1001234567890").code == 0
    result = imported("areas", "list")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("Kabupaten Pasuruan  #")
    assert lines[0].endswith("(24 kecamatan, 365 desa)")
    lumbang = next(line for line in lines if " Lumbang " in line)
    assert "12 desa" in lumbang
    assert "Polsek Lumbang (duty chat -1001234567890)" in lumbang
    tosari = next(line for line in lines if " Tosari " in line)
    assert "8 desa" in tosari and "no Polsek" in tosari
    assert "23 kecamatan without a Polsek" in lines[-1]


def test_list_one_kecamatan_shows_its_desa(imported: Kamtibmas, db: Database) -> None:
    lumbang = _find(db, AreaLevel.KECAMATAN, "Lumbang")
    result = imported("areas", "list", "Kec. Lumbang")
    assert result.code == 0, result.err
    assert result.out.startswith(f"Kec. Lumbang  #{lumbang.id}\n")
    assert "level:        kecamatan" in result.out
    assert "desa (12):" in result.out
    assert result.out.count("  67183") == 12
    # The same by id.
    assert imported("areas", "list", f"#{lumbang.id}").out == result.out


def test_list_an_ambiguous_name_lists_candidates_and_exits_1(
    imported: Kamtibmas, db: Database
) -> None:
    result = imported("areas", "list", "Lumbang")
    assert result.code == 1
    kecamatan = _find(db, AreaLevel.KECAMATAN, "Lumbang")
    desa = _find(db, AreaLevel.DESA, "Lumbang")
    assert f"#{kecamatan.id:<6} kecamatan Kec. Lumbang (Kabupaten Pasuruan)" in result.err
    assert f"#{desa.id:<6} desa      Lumbang (Kec. Lumbang)" in result.err

    # Kabupaten Pasuruan has a Karang Jati in Lumbang and one in Pandaan.
    twice = imported("areas", "list", "krg jati")
    assert twice.code == 1
    assert "(Kec. Lumbang)" in twice.err and "(Kec. Pandaan)" in twice.err
    # Naming the kecamatan, as the candidates are printed, settles it.
    settled = imported("areas", "list", "Karang Jati (Kec. Pandaan)")
    assert settled.code == 0, settled.err
    assert f"#{_find(db, AreaLevel.DESA, 'Karang Jati', 'Pandaan').id}" in settled.out


def test_list_an_unknown_name_suggests_and_exits_1(imported: Kamtibmas, db: Database) -> None:
    result = imported("areas", "list", "Krontoo")
    assert result.code == 1
    assert "No area named 'Krontoo'. Did you mean:" in result.err
    assert f"#{_find(db, AreaLevel.DESA, 'Kronto').id}" in result.err
    assert imported("areas", "list", "#999999").err == "#999999 is not the id of any area.\n"


# --- changes ----------------------------------------------------------------------------------


def test_add_desa(imported: Kamtibmas, db: Database) -> None:
    result = imported(
        "areas", "add-desa", "Kec. Lumbang", "Sumber Makmur", "--postal-code", "67183"
    )
    assert result.code == 0, result.err
    added = _find(db, AreaLevel.DESA, "Sumber Makmur")
    lumbang = _find(db, AreaLevel.KECAMATAN, "Lumbang")
    assert (added.parent_id, added.postal_code, added.source_key) == (lumbang.id, "67183", None)
    assert result.out == f"Added desa Sumber Makmur #{added.id} to Kec. Lumbang.\n"
    assert _audit(db)[-1] == ("area.add", "cli", f"area:{added.id}", "Sumber Makmur in Lumbang")

    duplicate = imported("areas", "add-desa", f"#{lumbang.id}", "Krg. Jati")
    assert duplicate.code == 1
    assert "There already is a desa named Karang Jati" in duplicate.err
    not_kecamatan = imported("areas", "add-desa", "Kronto", "Baru")
    assert not_kecamatan.code == 1 and "No kecamatan named 'Kronto'" in not_kecamatan.err
    bad_code = imported("areas", "add-desa", "Kec. Lumbang", "Baru", "--postal-code", "6718")
    assert bad_code.code == 2 and "not a postal code" in bad_code.err
    assert len(db.call(q.all_areas)) == 391


def test_rename(imported: Kamtibmas, db: Database) -> None:
    kronto = _find(db, AreaLevel.DESA, "Kronto")
    result = imported("areas", "rename", "kronto", "Kronto Asri")
    assert result.code == 0, result.err
    assert result.out.startswith(f"Renamed #{kronto.id}: Kronto -> Kronto Asri.\n")
    assert "would restore the data's name" in result.out
    renamed = db.call(q.get_area, kronto.id or 0)
    assert renamed is not None and renamed.name == "Kronto Asri"
    assert _audit(db)[-1] == ("area.rename", "cli", f"area:{kronto.id}", "Kronto -> Kronto Asri")
    assert imported("areas", "rename", "#1", "   ").code == 1


def test_neighbours_across_kecamatan_and_removing_a_default_pair(
    imported: Kamtibmas, db: Database
) -> None:
    kronto = _find(db, AreaLevel.DESA, "Kronto")
    welulang = _find(db, AreaLevel.DESA, "Welulang")
    pandaan_kj = _find(db, AreaLevel.DESA, "Karang Jati", "Pandaan")

    added = imported("areas", "neighbours", "add", "Kronto", "Karang Jati (Pandaan)")
    assert added.code == 0, added.err
    assert added.out == (
        "Kronto (Kec. Lumbang) and Karang Jati (Kec. Pandaan) are now neighbours.\n"
    )
    again = imported("areas", "neighbours", "add", "Kronto", f"#{pandaan_kj.id}")
    assert again.out.startswith("Nothing changed:")
    removed = imported("areas", "neighbours", "remove", "kronto", "welulang")
    assert removed.code == 0, removed.err
    assert "no longer neighbours" in removed.out

    neighbours = db.call(q.neighbour_ids, kronto)
    assert pandaan_kj.id in neighbours and welulang.id not in neighbours
    assert len(neighbours) == 11  # 12 desa in Lumbang, minus itself and Welulang, plus one
    # Both directions: Welulang lost Kronto too.
    assert kronto.id not in db.call(q.neighbour_ids, welulang)

    shown = imported("areas", "list", f"#{kronto.id}")
    assert "neighbours (11):" in shown.out
    assert f"#{pandaan_kj.id:<6} Karang Jati (Kec. Pandaan)" in shown.out
    assert "Welulang" not in shown.out
    assert [entry[:3] for entry in _audit(db)[-2:]] == [
        ("area.neighbour.add", "cli", f"area:{kronto.id}"),
        ("area.neighbour.remove", "cli", f"area:{kronto.id}"),
    ]

    itself = imported("areas", "neighbours", "add", "Kronto", "Kronto")
    assert itself.code == 1 and "not its own neighbour" in itself.err
    kecamatan = imported("areas", "neighbours", "add", "Kronto", "Kec. Lumbang")
    assert kecamatan == Outcome(1, "", "'Kec. Lumbang' names a kecamatan; give a desa.\n")


# --- police sectors ---------------------------------------------------------------------------


def test_polsek_set_duty_chat_and_list(imported: Kamtibmas, db: Database) -> None:
    assert imported("polsek", "list").out.startswith("No Polsek yet")
    first = imported(
        "polsek", "set", "Polsek Lumbang", "--kecamatan", "Kec. Lumbang", "--kecamatan", "Pasrepan"
    )
    assert first.code == 0, first.err
    assert "(was: no Polsek)" in first.out
    moved = imported("polsek", "set", "polsek pasrepan", "--kecamatan", "Pasrepan")
    assert "(was: Polsek Lumbang)" in moved.out

    def coverage(session: Session) -> dict[str, str]:
        names = {p.id: p.name for p in q.all_polsek(session)}
        return {
            k.name: names[k.polsek_id]
            for k in q.areas_by_level(session, AreaLevel.KECAMATAN)
            if k.polsek_id is not None
        }

    assert db.call(coverage) == {"Lumbang": "Polsek Lumbang", "Pasrepan": "polsek pasrepan"}
    kronto = _find(db, AreaLevel.DESA, "Kronto")
    polsek = db.call(q.polsek_for_area, kronto)
    assert polsek is not None and polsek.name == "Polsek Lumbang"

    chat = imported("polsek", "duty-chat", "POLSEK LUMBANG", "-1001234567890")
    assert chat == Outcome(0, "Polsek Lumbang: duty chat set to -1001234567890.\n", "")
    assert db.call(q.polsek_by_name, "polsek lumbang").duty_chat_id == -1001234567890
    assert imported("polsek", "duty-chat", "Polsek Pasrepan", "-1009").code == 0
    cleared = imported("polsek", "duty-chat", "Polsek Pasrepan", "--clear")
    assert cleared.code == 0 and "cleared" in cleared.out
    assert db.call(q.polsek_by_name, "polsek pasrepan").duty_chat_id is None

    unknown = imported("polsek", "duty-chat", "Polsek Atlantis", "-100")
    assert unknown.code == 1 and "No Polsek named 'Polsek Atlantis'" in unknown.err
    assert imported("polsek", "duty-chat", "Polsek Lumbang").code == 2
    assert imported("polsek", "duty-chat", "Polsek Lumbang", "abc").code == 2
    assert imported("polsek", "set", "Polsek X", "--kecamatan", "Kronto").code == 1

    listed = imported("polsek", "list").out.splitlines()
    lumbang = db.call(q.polsek_by_name, "Polsek Lumbang")
    assert listed[:4] == [
        f"Polsek Lumbang  #{lumbang.id}  duty chat: -1001234567890",
        "  covers: Lumbang",
        f"polsek pasrepan  #{lumbang.id + 1}  duty chat: not set",
        "  covers: Pasrepan",
    ]
    assert listed[4].startswith("Not covered by any Polsek (22): Bangil, Beji,")

    actions = [(a, label, details) for a, label, _, details in _audit(db)[1:]]
    assert actions == [
        ("polsek.cover", "cli", "kecamatan Lumbang"),
        ("polsek.cover", "cli", "kecamatan Pasrepan"),
        ("polsek.cover", "cli", "kecamatan Pasrepan"),
        ("polsek.duty_chat", "cli", "-1001234567890"),
        ("polsek.duty_chat", "cli", "-1009"),
        ("polsek.duty_chat", "cli", "None"),
    ]
    assert db.call(lambda s: len(s.exec(select(Polsek)).all())) == 2


# --- first start ------------------------------------------------------------------------------


@pytest.fixture
def statements(db: Database) -> Iterator[list[str]]:
    """The SQL statements `db` runs while the test does."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    yield seen
    event.remove(db.engine, "before_cursor_execute", record)


def test_ensure_default_areas_imports_once(
    db: Database, settings: Settings, statements: list[str]
) -> None:
    configured = dataclasses.replace(settings, default_kabupaten="Kabupaten Pasuruan")
    first = ensure_default_areas(db, configured)
    assert first is not None and (first.added, first.kabupaten) == (390, "Kabupaten Pasuruan")
    assert [e[:3] for e in _audit(db)] == [("area.import", "startup", "Kabupaten Pasuruan")]

    statements.clear()
    assert ensure_default_areas(db, configured) is None
    assert len(statements) == 1  # already imported: one query, no import
    assert len(db.call(q.all_areas)) == 390


def test_ensure_default_areas_without_a_kabupaten_does_nothing(
    db: Database, settings: Settings, statements: list[str]
) -> None:
    assert ensure_default_areas(db, settings) is None
    assert statements == []
    assert db.call(q.all_areas) == []


def test_an_unknown_default_kabupaten_stops_the_start(db: Database, settings: Settings) -> None:
    for name in ("Atlantis", "Pasuruan"):
        with pytest.raises(StartupError) as error:
            ensure_default_areas(db, dataclasses.replace(settings, default_kabupaten=name))
        message = str(error.value)
        assert error.value.exit_code == 2
        assert f"[ID] DEFAULT_KABUPATEN '{name}'" in message
        assert f"[EN] DEFAULT_KABUPATEN '{name}'" in message
    assert db.call(q.all_areas) == []


def test_kota_pasuruan_does_not_count_as_kabupaten_pasuruan(
    db: Database, settings: Settings
) -> None:
    # Both compact to "pasuruan"; only the data's own key tells them apart.
    db.call(import_areaid, "Kota Pasuruan")
    result = ensure_default_areas(
        db, dataclasses.replace(settings, default_kabupaten="Kabupaten Pasuruan")
    )
    assert result is not None and result.added == 390


def test_a_renamed_or_own_kabupaten_is_not_imported_again(
    imported: Kamtibmas, db: Database, settings: Settings, tmp_path: Path
) -> None:
    configured = dataclasses.replace(settings, default_kabupaten="Kabupaten Pasuruan")
    assert imported("areas", "rename", "Kabupaten Pasuruan", "Kab. Pasuruan").code == 0
    assert imported("areas", "rename", "Kronto", "Kronto Asri").code == 0
    # A re-import would undo the admin's renames.
    assert ensure_default_areas(db, configured) is None
    assert _find(db, AreaLevel.DESA, "Kronto Asri").name == "Kronto Asri"

    own = tmp_path / "own.csv"
    own.write_text("kabupaten,kecamatan,desa\nKab. Contoh,Satu,Desa A\n")
    assert imported("areas", "import", "--csv", str(own)).code == 0
    # A deployment's own list counts by name.
    contoh = dataclasses.replace(settings, default_kabupaten="Kabupaten Contoh")
    assert ensure_default_areas(db, contoh) is None


def test_run_imports_the_default_kabupaten_before_starting(
    database_url: str, tmp_path: Path, db: Database
) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TELEGRAM_", "WEBHOOK_", "ADMIN_", "DATABASE_", "DEFAULT_"))
    }
    env |= {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        # Nothing listens there: the bot stops right after the import.
        "TELEGRAM_API_BASE_URL": "http://127.0.0.1:1/bot",
        "DATABASE_URL": database_url,
        "DEFAULT_KABUPATEN": "Kabupaten Pasuruan",
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "cannot reach Telegram" in result.stderr
    assert "Imported Kabupaten Pasuruan (DEFAULT_KABUPATEN): 390 areas added" in result.stderr
    assert _count_desa(db) == 365

    env["DEFAULT_KABUPATEN"] = "Atlantis"
    refused = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 2
    assert "DEFAULT_KABUPATEN 'Atlantis'" in refused.stderr
    assert "Traceback" not in refused.stderr


def _count_desa(db: Database) -> int:
    return len(db.call(q.areas_by_level, AreaLevel.DESA))


def test_two_processes_starting_at_once_import_the_default_once(
    database_url: str, settings: Settings
) -> None:
    import threading

    configured = dataclasses.replace(settings, default_kabupaten="Kabupaten Pasuruan")
    databases = [Database(database_url, pool_size=1) for _ in range(2)]
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def starting(database: Database) -> None:
        start.wait()
        try:
            ensure_default_areas(database, configured)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=starting, args=(d,)) for d in databases]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert errors == []
        assert len(databases[0].call(q.all_areas)) == 390
    finally:
        for database in databases:
            database.close()
