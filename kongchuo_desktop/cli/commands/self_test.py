"""`kongchuo self-test`: check that this installation works end to end, in a temporary folder.

Steps (each printed with ✓ or ✗ and its time; exit 0 only when every step passed):
1. database — make a small demo database (migrations run from db/), add the demo accounts and
   log in (argon2);
2. window — the QApplication with the bundled font (offscreen when there is no display), the
   main window on that database: shown, every page opened, the register's table filled, Chinese
   text drawable; closed again;
3. import — the sample roster shipped in resources/samples: every refused row has the expected
   reason, the valid rows are written, and a second import changes nothing; an old-format .xls
   roster is read in the memory-capped child process (the frozen app starting itself);
4. letters — a batch of teacher letters as PDF: a real PDF whose pages QtPdf opens and whose
   text is Chinese, printed with the bundled fonts;
5. sync — two temporary sites made as `kongchuo init` makes them (a township and one of its
   schools): cards exchanged and paired, a pupil registered at the school travels to the township
   in a signed, encrypted package, the receipt comes back and acknowledges it; the same package
   again changes nothing and a tampered copy is refused.

Made for the frozen build (CI runs `dist/kongchuo/kongchuo self-test`, and so should whoever
installs the app on a new laptop): it exercises the files and modules a bundle can lose — db/,
resources/, fonts, Qt plugins, QtPdf, reportlab, openpyxl/calamine, argon2. Nothing outside
the temporary folder is touched (Qt settings included); --keep leaves the folder for a look.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kongchuo_desktop.cli.output import OK, REJECTED

log = logging.getLogger(__name__)

DEFAULT_STUDENTS = 300
SAMPLE_ROSTER = ("samples", "roster_sample.xlsx")
SAMPLE_EXPECTED = ("samples", "roster_sample.expected.json")
# An old-format (BIFF8) roster: read by the memory-capped child process (importing/isolated.py),
# which the frozen app starts as itself with --read-workbook-child.
LEGACY_ROSTER = ("samples", "roster_legacy.xls")
LEGACY_ROWS, LEGACY_VALID = 4, 3
LETTER_SCHOOL = "金河镇第二小学"
GUI_TIMEOUT_S = 20.0


class StepFailed(Exception):
    """A check did not hold; the message says what (in Chinese)."""


@dataclass
class Step:
    """One line of the report: `ok` None = skipped (not a failure), `detail` what was seen."""

    key: str
    title: str
    ok: bool | None = None
    detail: str = ""
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        """For --json."""
        return {
            "step": self.key,
            "title": self.title,
            "ok": self.ok,
            "detail": self.detail,
            "seconds": round(self.seconds, 3),
        }


@dataclass
class _State:
    """What the steps hand on to each other."""

    folder: Path
    students: int
    screenshot: Path | None
    db: Any = None
    actor: Any = None
    school_year: str = ""
    app: Any = None
    notes: list[str] = field(default_factory=list)


def register(sub: Any) -> argparse.ArgumentParser:
    """Add the subcommand."""
    parser = sub.add_parser("self-test", help="自检：在临时文件夹中试运行数据库、窗口、导入、打印等主要功能")
    parser.add_argument(
        "--students", type=int, default=DEFAULT_STUDENTS, help=f"演示数据库的学生人数（默认 {DEFAULT_STUDENTS}）"
    )
    parser.add_argument("--screenshot", type=Path, help="把主窗口截图保存为 PNG 文件")
    parser.add_argument("--keep", action="store_true", help="保留临时文件夹（并打印其位置）")
    return parser  # type: ignore[no-any-return]


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise StepFailed(message)


def _tick(ok: bool | None) -> str:
    return "✓" if ok else ("–" if ok is None else "✗")


def _printable(line: str) -> str:
    """The line as the console can show it: ✓/✗ become √/× where the output encoding lacks them
    (a redirected console program on Chinese Windows writes GBK, which has no ✓)."""
    stream = sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        line.encode(encoding)
        return line
    except UnicodeEncodeError:
        line = line.replace("✓", "√").replace("✗", "×")
        return line.encode(encoding, errors="replace").decode(encoding)
    except LookupError:
        return line


# --- the steps -----------------------------------------------------------------------------------


def step_database(state: _State) -> str:
    """Demo database, migrated to the newest schema; the demo administrator logs in."""
    from kongchuo_desktop.services import accounts
    from kongchuo_desktop.services.demo import create_demo
    from kongchuo_desktop.store import migrate
    from kongchuo_desktop.store.database import open_database

    path = state.folder / "自检.sqlite"
    summary = create_demo(path, students=state.students, seed=0)
    state.school_year = summary.school_year
    db = open_database(path)
    state.db = db
    with db.engine.connect() as conn:
        current = migrate.current_revision(conn)
        _check(migrate.is_current(conn), f"数据库版本 {current} 不是最新版本 {migrate.head_revision()}")
    accounts.ensure_demo_admin(db)
    result = accounts.authenticate(db, accounts.DEMO_LOGIN, accounts.DEMO_PASSWORD)
    state.actor = result.actor
    return (
        f"{summary.students} 名学生、{summary.schools} 所学校，数据库版本 {current}"
        f"（{len(migrate.known_revisions())} 个迁移），演示管理员已登录"
    )


def _use_offscreen_if_headless() -> None:
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _isolate_qt_settings(folder: Path) -> None:
    """QSettings (window sizes, last folders) go to the temporary folder, not the user's."""
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))


def _wait_until(app: Any, condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        app.processEvents()
        if condition():
            return True
        time.sleep(0.01)
    app.processEvents()
    return condition()


def step_window(state: _State) -> str:
    """The main window on the demo database: shown, all pages opened, the register filled."""
    _use_offscreen_if_headless()
    _isolate_qt_settings(state.folder)
    from PySide6.QtGui import QFontInfo, QFontMetrics, QGuiApplication
    from PySide6.QtWidgets import QDialogButtonBox, QTableView

    from kongchuo_desktop.gui.app import create_application
    from kongchuo_desktop.gui.icon import app_icon
    from kongchuo_desktop.gui.main_window import MainWindow
    from kongchuo_desktop.services.sites import site_info

    app = create_application()
    state.app = app
    _check(not app_icon().isNull(), "找不到程序图标（resources/icons）")
    _check(not app.windowIcon().isNull(), "程序没有设置窗口图标")
    font = app.font()
    _check(QFontMetrics(font).inFont("学"), f"界面字体“{QFontInfo(font).family()}”不能显示汉字")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    cancel = buttons.buttons()[0].text()
    buttons.deleteLater()
    _check(cancel == "取消", f"Qt 自带的中文翻译没有加载（“取消”按钮显示为“{cancel}”）")
    site = site_info(state.db)
    _check(site is not None, "演示数据库没有站点信息")
    window = MainWindow(state.db, site, state.actor, True)
    try:
        window.resize(1280, 800)
        window.show()
        _check(_wait_until(app, window.isVisible, 5), "主窗口没有显示出来")
        _check(site.name in window.windowTitle(), f"窗口标题“{window.windowTitle()}”中没有站点名称")
        pages = _open_every_page(app, window)
        register = _show_register(window)
        _check(register is not None, "主窗口中没有学生台账页面")

        def filled() -> list[int]:
            return [
                view.model().rowCount()
                for view in register.findChildren(QTableView)
                if view.isVisible() and view.model() is not None and view.model().rowCount() > 0
            ]

        _check(
            _wait_until(app, lambda: bool(filled()), GUI_TIMEOUT_S), f"{GUI_TIMEOUT_S:.0f} 秒内学生台账中没有出现任何行"
        )
        rows = max(filled())
        platform = QGuiApplication.platformName()
        if state.screenshot is not None:
            app.processEvents()
            state.screenshot.parent.mkdir(parents=True, exist_ok=True)
            _check(window.grab().save(str(state.screenshot)), f"无法保存截图“{state.screenshot}”")
    finally:
        window.close()
        app.processEvents()
        _stop_background_counts()
        tear_down = getattr(window, "tear_down", None)  # the pages' models read the database: go first
        if tear_down is not None:
            tear_down()
        window.deleteLater()
        app.processEvents()
    shot = f"，截图：{state.screenshot}" if state.screenshot is not None else ""
    return f"平台 {platform}，字体“{QFontInfo(font).family()}”，打开 {pages} 个页面，台账显示 {rows} 行{shot}"


def _open_every_page(app: Any, window: Any) -> int:
    """Click through the page list (each page is made the first time it is shown); a page that
    could not be made (an error label in its place) fails the step. Returns how many pages."""
    from PySide6.QtWidgets import QLabel, QListWidget, QStackedWidget

    nav = getattr(window, "nav", None) or next(iter(window.findChildren(QListWidget)), None)
    stack = getattr(window, "stack", None) or next(iter(window.findChildren(QStackedWidget)), None)
    if nav is None:
        return 0
    for row in range(nav.count()):
        nav.setCurrentRow(row)
        app.processEvents()
        shown = stack.currentWidget() if stack is not None else None
        if isinstance(shown, QLabel):  # what MainWindow shows when a service refused to make the page
            raise StepFailed(f"页面“{nav.item(row).text()}”打不开：{shown.text()}")
    return int(nav.count())


def _show_register(window: Any) -> Any:
    """The 学生台账 page, shown."""
    from kongchuo_desktop.gui.register_page import RegisterPage

    open_page = getattr(window, "open_page", None)
    if open_page is not None:
        return open_page(RegisterPage)
    return window.register_page


def _stop_background_counts() -> None:
    try:
        from kongchuo_desktop.gui.paged_table_model import stop_counting
    except ImportError:  # the model module was renamed: nothing of ours left to stop
        return
    stop_counting()


def _expected_verdicts() -> dict[str, Any]:
    from kongchuo_desktop.paths import resource

    return json.loads(resource(*SAMPLE_EXPECTED).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _compare_rejections(found: list[tuple[int, str]], expected: dict[str, Any]) -> None:
    """Every expected (row, reason) among the rejections, and no other row refused."""
    found_rows = {row for row, _ in found}
    for item in expected["reject"]:
        _check(
            (item["sheet_row"], item["reason"]) in set(found),
            f"第 {item['sheet_row']} 行应因 {item['reason']} 被拒绝，实际：{sorted(found) or '无'}",
        )
    extra = found_rows - {item["sheet_row"] for item in expected["reject"]}
    _check(not extra, f"这些行不应被拒绝：{sorted(extra)}")


def step_import(state: _State) -> str:
    """Import the bundled sample roster (all or nothing), then import it again (no change)."""
    from kongchuo_desktop.paths import resource

    path = resource(*SAMPLE_ROSTER)
    _check(path.is_file(), f"找不到示例名册：{path}")
    expected = _expected_verdicts()
    # Import a copy: the import records the file, and the bundle may be read-only.
    sample = state.folder / path.name
    shutil.copyfile(path, sample)
    if importlib.util.find_spec("kongchuo_desktop.services.roster_import") is None:
        return _parse_only(sample, expected)
    from kongchuo_desktop.services.roster_import import apply_import, preview_import

    preview = preview_import(state.db, state.actor, sample, "roster")
    _check(
        preview.parsed.data_rows == expected["data_rows"],
        f"读到 {preview.parsed.data_rows} 行，应为 {expected['data_rows']} 行",
    )
    _compare_rejections([(r.row, r.reason) for r in preview.rejected], expected)
    importable = preview.new + preview.updated + preview.unchanged
    _check(importable == expected["valid"], f"可导入 {importable} 行，应为 {expected['valid']} 行")
    summary = apply_import(state.db, state.actor, preview, backup=True)
    _check(summary.written and summary.new == preview.new, f"写入结果不对：{summary.as_dict()}")
    again = preview_import(state.db, state.actor, sample, "roster")
    _check(
        again.unchanged == expected["valid"] and again.new == 0 and again.updated == 0,
        f"再次导入应无变化，实际新增 {again.new}、更新 {again.updated}、无变化 {again.unchanged}",
    )
    return (
        f"{expected['data_rows']} 行：导入 {summary.new + summary.updated} 行，"
        f"拒绝 {len(expected['reject'])} 行（原因均符合预期），再次导入无变化；{_legacy_workbook(state)}"
    )


def _legacy_workbook(state: _State) -> str:
    """Read the old-format roster the way an import does: in a child process with a memory cap."""
    from kongchuo_desktop.importing import parse_file
    from kongchuo_desktop.paths import resource

    path = resource(*LEGACY_ROSTER)
    _check(path.is_file(), f"找不到旧版示例名册：{path}")
    sample = state.folder / path.name
    shutil.copyfile(path, sample)
    parsed = parse_file(sample, "roster", duplicates="keep_first")
    _check(
        parsed.data_rows == LEGACY_ROWS and parsed.valid == LEGACY_VALID,
        f"旧版 .xls 读到 {parsed.data_rows} 行、可导入 {parsed.valid} 行，应为 {LEGACY_ROWS} 行、{LEGACY_VALID} 行",
    )
    return f"旧版 .xls 在受限子进程中读出 {LEGACY_ROWS} 行"


def _parse_only(sample: Path, expected: dict[str, Any]) -> str:
    """Without the import service: read and check the file only (nothing is written)."""
    from kongchuo_desktop.importing import parse_file

    parsed = parse_file(sample, "roster", duplicates="keep_first")
    _check(parsed.data_rows == expected["data_rows"], f"读到 {parsed.data_rows} 行，应为 {expected['data_rows']} 行")
    _compare_rejections([(r.row, r.reason) for r in parsed.rejected], expected)
    _check(parsed.valid == expected["valid"], f"可导入 {parsed.valid} 行，应为 {expected['valid']} 行")
    return f"{expected['data_rows']} 行：{parsed.valid} 行可导入，拒绝原因均符合预期（仅检查，未写入：没有导入服务）"


def step_letters(state: _State) -> str:
    """A batch of teacher letters for one school: a real PDF, readable by QtPdf, in our fonts."""
    from kongchuo_desktop.services.letters import issue_letters
    from kongchuo_desktop.services.letters_data import Scope
    from kongchuo_desktop.services.sites import school_by_name

    with state.db.read_session() as session:
        school = school_by_name(session, LETTER_SCHOOL)
        _check(school is not None, f"演示数据库中没有“{LETTER_SCHOOL}”")
        scope = Scope(school.id, school.township_id)
    year = int(state.school_year[:4])
    out = state.folder / "责任书.pdf"
    result = issue_letters(state.db, state.actor, "teacher", year, out, scope=scope)
    data = out.read_bytes()
    _check(data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:], "生成的文件不是完整的 PDF")
    _check(result.letters > 0 and result.pages >= result.letters, f"{result.letters} 份责任书、{result.pages} 页")
    font_problems = [w for w in result.warnings if "字体" in w]
    _check(not font_problems, "；".join(font_problems))
    pages, text = _read_pdf(out)
    _check(pages == result.pages, f"QtPdf 读到 {pages} 页，应为 {result.pages} 页")
    _check("责任书" in text.replace("\n", "").replace(" ", ""), "PDF 第一页的文字中没有“责任书”")
    numbers = f"，编号 {result.numbers[0]} 起" if result.numbers else ""
    return f"{result.letters} 份班主任责任书，{result.pages} 页，{len(data) // 1024} KB{numbers}"


def _read_pdf(path: Path) -> tuple[int, str]:
    """Page count and first-page text, through QtPdf (as the app's preview reads it)."""
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    try:
        error = document.load(str(path))
        _check(error == QPdfDocument.Error.None_, f"QtPdf 无法打开生成的 PDF（{error}）")
        return document.pageCount(), document.getAllText(0).text()
    finally:
        document.close()


SYNC_TOWNSHIP = ("金河镇教育办", "金河镇")
SYNC_SCHOOL = "金河镇中心学校"
SYNC_PUPIL_ID = "15078520150301001"  # + check character: a valid 居民身份证 number


def step_sync(state: _State) -> str:
    """A township and one of its schools, as `kongchuo init` makes them, exchange a package and its receipt."""
    import datetime as dt

    from sqlalchemy import select

    from kongchuo_desktop.domain.id_number import check_char
    from kongchuo_desktop.services import students, sync
    from kongchuo_desktop.services.actor import SYSTEM
    from kongchuo_desktop.services.sites import init_site
    from kongchuo_desktop.store.database import open_database
    from kongchuo_desktop.store.models import School, Student

    folder = state.folder / "同步"
    folder.mkdir()
    town = open_database(folder / "乡镇.sqlite", create=True)
    school = open_database(folder / "学校.sqlite", create=True)
    try:
        init_site(town, SYNC_TOWNSHIP[0], "township", township=SYNC_TOWNSHIP[1])
        init_site(school, SYNC_SCHOOL, "school", township=SYNC_TOWNSHIP[1], school=SYNC_SCHOOL)
        town_card = sync.make_site_card(town, SYSTEM, folder / "乡镇.card")
        school_card = sync.make_site_card(school, SYSTEM, folder / "学校.card")
        at_school = sync.pair_site(school, SYSTEM, folder / "乡镇.card")
        at_town = sync.pair_site(town, SYSTEM, folder / "学校.card")
        _check(at_school.fingerprint == town_card.fingerprint and at_town.fingerprint == school_card.fingerprint,
               "配对后显示的指纹与站点卡片的指纹不一致")  # fmt: skip

        with school.read_session() as session:
            school_id = session.execute(select(School.id).where(School.name == SYNC_SCHOOL)).scalar_one()
        pupil = students.create_student(school, SYSTEM, {
            "name": "王小明", "sex": "男", "birth_date": dt.date(2015, 3, 1), "school_id": school_id, "grade": 3,
            "class_no": 1, "id_number": SYNC_PUPIL_ID + check_char(SYNC_PUPIL_ID),
        })  # fmt: skip
        package = folder / "同步包-学校-至-乡镇-第1号.kcsync"
        sent = sync.export_package(school, SYSTEM, at_school.site_id, package)
        _check(sent.number == 1 and sent.counts.get("student") == 1, f"同步包内容不对：{sent.as_dict()}")

        tampered = folder / "篡改.kcsync"
        data = bytearray(package.read_bytes())
        data[len(data) // 2] ^= 0x01
        tampered.write_bytes(bytes(data))
        try:
            sync.import_file(town, SYSTEM, tampered)
        except sync.SyncError:
            pass
        else:
            raise StepFailed("被改动过的同步包没有被拒绝")

        preview = sync.preview_import(town, SYSTEM, package)
        _check(preview.tables.get("student", {}).get("new") == 1, f"预览应新增 1 名学生，实际：{preview.tables}")
        receipt = folder / "回执-乡镇-至-学校-第1号.kcsync"
        got = sync.import_file(town, SYSTEM, package, receipt_out=receipt)
        _check(got.kind == "package" and not got.replay and receipt.is_file(), f"导入结果不对：{got.as_dict()}")
        with town.read_session() as session:
            row = session.get(Student, pupil)
            _check(row is not None and row.name == "王小明", "乡镇数据库中没有学校新登记的学生")
        again = sync.import_file(town, SYSTEM, package)
        _check(again.replay, "同一个同步包第二次导入时应当没有任何改动")

        ack = sync.import_file(school, SYSTEM, receipt)
        _check(ack.kind == "receipt" and ack.acknowledged == [1], f"回执没有确认第 1 号同步包：{ack.as_dict()}")
        (peer,) = sync.list_peers(school, SYSTEM)
        _check(peer.acked_no == 1 and peer.acked_seq == sent.to_seq,
               f"学校没有记下乡镇的确认（已确认第 {peer.acked_no} 号）")  # fmt: skip
    finally:
        town.close()
        school.close()
    return (
        f"学校 → 乡镇：第 1 号同步包 {sent.rows} 行（含新登记学生 1 名），{len(package.read_bytes()) // 1024 + 1} KB；"
        f"回执已确认，重复导入无改动，篡改的文件被拒绝；指纹 {town_card.fingerprint}"
    )


STEPS: list[tuple[str, str, Callable[[_State], str | None], str]] = [
    ("database", "演示数据库（迁移、账户）", step_database, ""),
    ("window", "主窗口", step_window, "database"),
    ("import", "导入示例学籍名册", step_import, "database"),
    ("letters", "打印班主任责任书（PDF）", step_letters, "database"),
    ("sync", "站点间同步（同步包与回执）", step_sync, ""),
]
SKIPPED = "（本环境不适用，已跳过）"


def run_steps(state: _State, report: Callable[[Step], None]) -> list[Step]:
    """Run every step in order (a step whose prerequisite failed is reported as failed too)."""
    done: dict[str, Step] = {}
    for key, title, fn, needs in STEPS:
        step = Step(key, title)
        started = time.perf_counter()
        if needs and not done[needs].ok:
            step.ok, step.detail = False, "未运行：前面的步骤失败了"
        else:
            try:
                detail = fn(state)
                if detail is None:
                    step.ok, step.detail = None, SKIPPED
                else:
                    step.ok, step.detail = True, detail
            except StepFailed as exc:
                step.ok, step.detail = False, str(exc)
            except Exception as exc:
                log.exception("self-test step %s failed", key)
                step.ok, step.detail = False, f"{type(exc).__name__}: {exc}"
        step.seconds = time.perf_counter() - started
        done[key] = step
        report(step)
    return list(done.values())


def run(args: argparse.Namespace) -> int:
    """Run the steps in a temporary folder; exit 0 when all passed, 1 otherwise."""
    from kongchuo_desktop import __version__
    from kongchuo_desktop.paths import bundle_root

    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="kongchuo-self-test-"))
    screenshot = args.screenshot.resolve() if args.screenshot else None
    state = _State(folder=folder, students=max(1, args.students), screenshot=screenshot)
    frozen = bool(getattr(sys, "frozen", False))
    if not args.json:
        print(f"控辍保学台账 {__version__} 自检（{'打包版' if frozen else '源代码'}：{bundle_root()}）", flush=True)

    def report(step: Step) -> None:
        if not args.json:
            print(_printable(f"{_tick(step.ok)} {step.title}（{step.seconds:.1f} 秒）：{step.detail}"), flush=True)

    try:
        steps = run_steps(state, report)
    finally:
        if state.db is not None:
            state.db.close()
        if args.keep:
            if not args.json:
                print(f"临时文件夹已保留：{folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    passed = all(step.ok is not False for step in steps)
    seconds = time.perf_counter() - started
    if args.json:
        summary = {
            "ok": passed,
            "version": __version__,
            "frozen": frozen,
            "bundle_root": str(bundle_root()),
            "seconds": round(seconds, 2),
            "steps": [step.as_dict() for step in steps],
        }
        if args.keep:
            summary["folder"] = str(folder)
        print(json.dumps(summary, ensure_ascii=False))
    else:
        failed = sum(1 for step in steps if step.ok is False)
        print(f"自检{'通过' if passed else f'未通过：{failed} 项失败'}，共 {seconds:.1f} 秒", flush=True)
    return OK if passed else REJECTED
