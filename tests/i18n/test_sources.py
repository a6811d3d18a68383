"""Every user-facing GUI string goes through Qt's translation: no Chinese literal outside tr()/translate()/
QT_TRANSLATE_NOOP (beyond the short list below), and no translation call lupdate would misfile."""

from __future__ import annotations

from tests.i18n.source_scan import gui_modules, misfiled_calls, untranslated_literals

STATUS = "a status value from the database, compared or used as a colour key, not shown text"
WIDTH = "sample text that sizes a column, never shown"
# One CJK character measured anywhere to size widgets by the font (fontMetrics), never shown.
MEASURE = "中"
# file → literal → why it stays Chinese. Data values (statuses, kinds, roles, code lists) are
# stored and compared in Chinese; showing them translated is left for a later version.
ALLOWED: dict[str, dict[str, str]] = {
    "accounts_page.py": {"已停用": STATUS, "已锁定": STATUS, "待改密码": STATUS},
    "case_dialog.py": {
        role: "a staff role value (services' Staff.role) used to filter the lists of responsible persons"
        for role in ("校长", "副校长", "班主任", "教师", "乡镇干部", "村干部")
    },
    "child_table_model.py": {
        **{s: STATUS for s in ("未入学", "辍学", "缓学", "免学", "迁出", "死亡")},
        **{
            s: WIDTH
            for s in (
                "欧阳某某某",
                "男",
                "某某某某村",
                "特教学校",
                "呼和浩特市新城区第一中学",
                "金河镇中心小学 七年级（初一） 在读",
            )
        },
    },
    "i18n.py": {"简体中文": "a language's own name is shown untranslated in the language menu"},
    "import_wizard_pages.py": {
        "（必填）": "the mark services.import_source appends to a required field's label, recognised to translate it"
    },
    "letters_register.py": {s: STATUS for s in ("已发放", "已签回", "已考核", "不合格", "一票否决")},
    "letters_templates.py": {
        "【标题】\n【副标题】（{学年}学年）\n\n【签名栏】\n": "a new template's body: the letter markup, which is Chinese",
    },
    "paged_table_model.py": {"一二三四": WIDTH},
    "status_change_dialog.py": {"转入": STATUS, "转出": STATUS},
    "student_form.py": {"居民身份证": "the ID type code value (domain code list)", "在读": STATUS},
    "todo_page.py": {"；应办：": "how services.todo joins a due action to its sentence, recognised to translate it"},
    "student_table_model.py": {
        **{s: STATUS for s in ("辍学", "休学", "转出", "毕业", "死亡", "无")},
        **{
            s: WIDTH
            for s in ("欧阳某某某", "男", "满归镇九年一贯制学校", "七年级（初一）", "12班", "在读", "留守·随迁·残疾")
        },
    },
}


def test_no_chinese_literal_outside_translation_calls() -> None:
    found = [
        f
        for path in gui_modules()
        for f in untranslated_literals(path)
        if f.text not in ALLOWED.get(f.file, {}) and f.text != MEASURE
    ]
    assert not found, (
        'Chinese text that does not go through Qt\'s translation — wrap it in self.tr("…") (or '
        'QCoreApplication.translate("Context", "…"), QT_TRANSLATE_NOOP for constants), or add it to ALLOWED '
        "in tests/i18n/test_sources.py with the reason when it is data, not interface text:\n"
        + "\n".join(str(f) for f in found)
    )


def test_allow_list_has_no_stale_entries() -> None:
    present = {(f.file, f.text) for path in gui_modules() for f in untranslated_literals(path)}
    stale = [(file, text) for file, texts in ALLOWED.items() for text in texts if (file, text) not in present]
    assert not stale, f"ALLOWED lists strings the code no longer holds; remove them: {stale}"


def test_translation_calls_are_filed_under_their_runtime_context() -> None:
    found = [f for path in gui_modules() for f in misfiled_calls(path)]
    assert not found, "lupdate cannot file these strings under the context Qt looks up:\n" + "\n".join(
        str(f) for f in found
    )


def test_scan_catches_what_it_should(tmp_path) -> None:  # type: ignore[no-untyped-def]
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""模块说明。"""\n'
        "import logging\n"
        "from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP\n"
        "log = logging.getLogger(__name__)\n"
        'HEADERS = (QT_TRANSLATE_NOOP("Model", "姓名"), "性别")\n'
        "def tr(text): return text\n"
        "class Page:\n"
        '    """页面。"""\n'
        "    def show(self, parent, ctx):\n"
        '        log.info("日志不翻译")\n'
        '        self.title = self.tr("标题")\n'
        '        self.other = parent.tr("父窗口")\n'
        '        self.bare = tr("裸调用")\n'
        '        self.ctx = QCoreApplication.translate(ctx, "变量上下文")\n'
        '        self.sep = "；".join([])\n'
        '        self.name = f"{ctx}年级"\n',
        encoding="utf-8",
    )
    assert [f.text for f in untranslated_literals(sample)] == ["性别", "年级"]
    problems = [f.line for f in misfiled_calls(sample)]
    assert problems == [12, 13, 14]
