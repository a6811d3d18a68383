"""The dashboard computes in a worker, saying so, and only when something was written: switching
to another page and back, opening it again or refreshing with nothing written reads nothing again;
after a write, 刷新 computes the new figures."""

from __future__ import annotations

from kongchuo_desktop.domain import indicators as ind
from kongchuo_desktop.gui.dashboard_page import DashboardPage
from kongchuo_desktop.services import indicator_settings
from kongchuo_desktop.services.actor import DEMO_ADMIN
from kongchuo_desktop.services.sites import site_info


def loaded(qtbot, page: DashboardPage) -> DashboardPage:
    qtbot.waitUntil(lambda: not page.loading, timeout=20_000)
    assert page.error is None and page.data is not None
    return page


def test_the_page_says_it_is_computing_and_computes_once_per_write(qtbot, ddb, loads, monkeypatch):
    page = DashboardPage(ddb, DEMO_ADMIN)
    qtbot.addWidget(page)
    assert page.loading and "正在" in page.status.text() and not page.refresh_button.isEnabled()
    loaded(qtbot, page)
    assert loads == [(None, None)] and page.refresh_button.isEnabled()
    first = page.data
    # A second page (logging in again, another window) and 刷新 with nothing written: kept figures.
    again = loaded(qtbot, DashboardPage(ddb, DEMO_ADMIN))
    qtbot.addWidget(again)
    assert again.data is first
    page.refresh()
    loaded(qtbot, page)
    assert page.data is first and loads == [(None, None)]
    # A write (here the definitions): 刷新 computes again, with the new choice.
    indicator_settings.save_definitions(ddb, DEMO_ADMIN, {"dropouts_still_out": False})
    steps: list[str] = []
    shown = page._progressed

    def spy(generation: int, done: int) -> None:
        shown(generation, done)
        steps.append(page.status.text())

    monkeypatch.setattr(page, "_progressed", spy)
    page.refresh()
    loaded(qtbot, page)
    assert len(loads) == 2 and page.data is not first
    assert steps and all(text.startswith("正在计算") for text in steps)
    assert "计期内发生辍学的全部学生（含已劝返复学）" in page.data.tiles[ind.DROPOUT].definition


def test_switching_pages_does_not_compute_again(qtbot, ddb, loads):
    from kongchuo_desktop.gui.main_window import DASHBOARD_PAGE, MainWindow
    from kongchuo_desktop.gui.todo_page import TodoPage

    window = MainWindow(ddb, site_info(ddb), DEMO_ADMIN, demo=True)
    qtbot.addWidget(window)
    index = window._kinds.index(DASHBOARD_PAGE)
    page = window.show_page(index)
    assert isinstance(page, DashboardPage)
    loaded(qtbot, page)
    assert loads == [(None, None)]
    todo = window.page_index(TodoPage)
    assert todo is not None
    window.show_page(todo)
    assert window.show_page(index) is page
    qtbot.wait(50)
    assert not page.loading and loads == [(None, None)]
