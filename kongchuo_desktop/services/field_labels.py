"""Field names in Chinese: what the audit log, a pupil's history and the sync conflicts call a recorded field."""

from __future__ import annotations

FIELD_LABELS = {
    "name": "姓名", "sex": "性别", "birth_date": "出生日期", "ethnicity_code": "民族", "id_type": "证件类型",
    "id_number": "身份证件号", "student_no": "学籍号", "hukou_address": "户籍地址", "hukou_nature": "户口性质",
    "hukou_township_id": "户籍乡镇", "current_address": "现住址", "school_id": "学校", "grade": "年级",
    "class_no": "班级", "enrolled_on": "入学日期", "boarding": "寄宿", "left_behind": "留守情况",
    "migrant": "随迁子女", "disability_type": "残疾类型", "disability_arrangement": "安置方式",
    "poverty": "脱贫户/建档立卡", "low_income": "低保", "orphan": "孤儿", "guardian_teacher_id": "亲情监护人",
    "note": "备注", "status": "学籍状态", "deleted": "删除",
}  # fmt: skip
"""A pupil's fields; also the fallback for a field no entity map names."""

COMMON_FIELD_LABELS = {
    "township_id": "所属乡镇", "student_id": "学生", "child_id": "适龄儿童", "case_id": "劝返个案",
    "recorded_by": "登记人", "number": "编号", "reason": "原因", "kind": "类型", "role": "角色", "phone": "电话",
    "village": "村（社区）", "code": "代码", "address": "地址", "file_name": "文件名", "sha256": "文件校验值",
    "name_pinyin": "姓名拼音", "name_initials": "姓名首字母",
}  # fmt: skip
"""Columns many tables share, meaning the same in each (after FIELD_LABELS, before the raw name)."""

NAMED = {"name": "名称"}  # things (schools, templates …) have a 名称, people a 姓名

ENTITY_FIELD_LABELS: dict[str, dict[str, str]] = {
    "student": {},
    "child": {
        "township_id": "登记乡镇", "hukou_village": "户籍村（社区）", "residence_address": "居住地址",
        "situation": "就读情况", "elsewhere_school": "外地就读学校", "approving_body": "批准单位",
        "period_start": "缓（免）学起始日期", "period_end": "缓（免）学截止日期", "student_id": "对应学籍",
    },
    "guardian": {
        "slot": "监护人序号", "name": "姓名", "relation": "关系", "phone": "电话", "workplace": "工作单位",
        "away_working": "外出务工",
    },
    "township": {**NAMED, "code": "乡镇代码", "city": "所属市县"},
    "school": {**NAMED, "kind": "学校类型", "code": "学校代码", "address": "学校地址"},
    "site": {**NAMED, "site_type": "站点类型", "area_code": "行政区划代码", "is_local": "本机站点"},
    "school_class": {"head_teacher_id": "班主任"},
    "staff": {"role": "职务", "village": "所在村（社区）"},
    "account": {
        "login_name": "用户名", "login_key": "用户名（查重）", "display_name": "姓名", "classes": "所带班级",
        "password": "密码", "password_hash": "密码", "failed_attempts": "连续输错密码次数", "locked_until": "锁定至",
        "disabled": "停用", "must_change_password": "须修改密码", "last_login_at": "上次登录时间",
    },
    "setting": {
        "key": "设置项", "value": "设置值", "backup_dir": "备份文件夹", "idle_lock_minutes": "自动锁定（分钟）",
        # 控辍预警规则 (domain.escalation.RULE_SPECS)
        "teacher_visit_day": "一访到期（缺课第几个上学日）", "principal_visit_day": "二访到期（缺课第几个上学日）",
        "joint_visit_day": "三访到期（缺课第几个上学日）", "report_day": "书面报告到期（缺课第几个上学日）",
        "suspected_after": "疑似辍学认定（上学日）", "notice_within": "通知书发出期限（上学日）",
        "notice_deadline_days": "通知书默认期限（天）", "dropout_after": "辍学认定（上学日）",
        "followup_days": "跟进走访间隔（天）", "stale_days": "无进展认定（天）",
        "referral_answer_days": "转介回复期限（天）", "reopen_within_days": "重新开启期限（天）",
        # 指标统计口径 (domain.indicators.Definitions)
        "suspended_on_roll": "休学学生口径", "deaths_excluded": "死亡学生口径", "transfers_adjust": "转学学生口径",
        "dropouts_still_out": "辍学人数口径", "elsewhere_enrolled": "外地就读儿童口径",
        "deferred_excluded": "缓学、免学儿童口径", "age_window": "适龄范围口径",
    },
    "status_change": {
        "kind": "异动类型", "changed_on": "异动日期", "reason": "异动原因", "from_school": "原学校",
        "to_school": "转入学校", "status_before": "异动前学籍状态", "status_after": "异动后学籍状态",
        "transfer_scope": "转学范围",
    },
    "attachment": {
        "owner_type": "所属记录类型", "owner_id": "所属记录", "file_name": "文件名", "mime_type": "文件类型",
        "size": "文件大小", "description": "说明",
    },
    "case": {
        "number": "个案编号", "status": "个案状态", "is_open": "未销号", "opened_on": "立案日期",
        "episode_start": "本次缺课起始日期", "threshold_on": "预警日期", "suspected_on": "疑似辍学日期",
        "dropout_on": "认定辍学日期", "returned_on": "返校日期", "closed_on": "销号日期", "outcome": "销号结果",
        "close_note": "销号说明", "report_on": "书面报告日期", "last_activity_on": "最近进展日期",
        "next_action": "下一步工作", "next_due_on": "下一步到期日", "visit_action": "待办家访",
        "visit_due_on": "家访到期日", "report_due_on": "报告到期日", "notice_due_on": "通知书到期日",
        "close_due_on": "销号到期日", "reason": "主要原因", "principal_id": "包保校长", "teacher_id": "包保教师",
        "township_cadre_id": "包保乡镇干部", "village_cadre_id": "包保村干部", "responsible_note": "其他责任人",
        "measures": "劝返措施", "dropout_change_id": "辍学学籍异动", "resume_change_id": "复学学籍异动",
        "events": "个案记录条数", "state": "个案进度",
    },
    "case_event": {
        "seq": "序号", "kind": "记录类型", "happened_on": "发生日期", "data": "记录内容", "ref_type": "关联记录类型",
        "ref_id": "关联记录", "summary": "摘要", "recorded_at": "登记时间",
    },
    "absence": {"first_day": "缺课起始日期", "return_day": "返校日期"},
    "visit": {
        "visited_at": "家访时间", "round": "家访轮次", "kind": "走访方式", "participants": "参加人员",
        "met_with": "见到的人", "reason": "未返校原因", "attitude": "家长态度", "outcome": "家访结果",
        "promised_on": "承诺返校日期", "next_step": "下一步措施", "next_step_on": "下一步日期",
    },
    "referral": {
        "agency": "转介部门", "referred_on": "转介日期", "request": "转介事项", "answer": "部门回复",
        "answered_on": "回复日期",
    },
    "case_notice": {
        "number": "通知书文号", "issued_on": "发出日期", "deadline": "返校期限", "guardian_name": "监护人姓名",
        "issuer": "发文单位",
    },
    "school_calendar": {
        "school_year": "学年", "term1_start": "第一学期开始", "term1_end": "第一学期结束",
        "term2_start": "第二学期开始", "term2_end": "第二学期结束", "weekend": "休息日",
    },
    "calendar_day": {"calendar_id": "校历", "day": "日期", "kind": "日期类型", "name": "名称"},
    "letter_template": {
        **NAMED, "template_key": "模板标识", "version": "版本", "kind": "责任书类型", "body": "正文",
        "is_default": "软件自带", "is_current": "当前版本",
    },
    "letter": {
        "number": "责任书编号", "template_id": "模板", "template_key": "模板标识", "template_version": "模板版本",
        "kind": "责任书类型", "year": "年度", "class_id": "班级", "teacher_id": "教师", "party_a": "甲方",
        "party_b": "乙方", "subject": "事项", "pupils": "学生人数", "status": "状态", "issued_at": "发放时间",
        "issued_by": "发放人", "issued_on": "发放日期", "signed_on": "签回日期", "scan": "签回扫描件",
        "scan_attachment_id": "签回扫描件", "assessment": "考核结果", "assessment_reason": "考核说明",
        "assessed_at": "考核时间", "assessed_by": "考核人",
    },
    "sync_conflict": {
        "table_name": "数据表", "record_id": "记录编号", "field": "字段", "winner_value": "采用的值",
        "winner_hlc": "采用值的时钟", "winner_site": "采用值的站点", "winner_user": "采用值的用户",
        "winner_at": "采用值的时间", "loser_value": "另一个值", "loser_hlc": "另一个值的时钟",
        "loser_site": "另一个值的站点", "loser_user": "另一个值的用户", "loser_at": "另一个值的时间",
        "status": "处理状态", "resolution": "处理结果",
    },
    "import_batch": {
        "kind": "导入类型", "sheet": "工作表", "imported_at": "导入时间", "user": "导入人", "new": "新增行数",
        "updated": "更新行数", "unchanged": "无变化行数", "rejected": "未导入行数", "schools_added": "新增学校",
        "classes_added": "新增班级", "townships_added": "新增乡镇", "counts": "行数",
        "created_student_ids": "新增学生", "created_child_ids": "新增适龄儿童",
    },
    "database": {"backup": "备份文件", "backup_taken_at": "备份时间"},
    "demo": {
        "townships": "乡镇数", "schools": "学校数", "classes": "班级数", "staff": "教职工人数", "students": "学生人数",
        "guardians": "监护人人数", "children": "适龄儿童人数", "status_changes": "学籍异动条数",
        "attachments": "证明材料份数", "past_students": "往届学生人数", "cases": "劝返个案数",
    },
}  # fmt: skip
"""Entity (as the audit log names it, store.audit.ENTITY_LABELS) → its fields that read differently there
(template and school `name` = 名称, pupil `name` = 姓名) or that only it has; looked up before the maps above."""

_GUARDIAN = ENTITY_FIELD_LABELS["guardian"]


def field_label(name: str | None, entity: str | None = None) -> str:
    """The Chinese label of a field name of `entity` (None: a pupil's; guardian1_phone … included); the
    name itself when nothing knows it."""
    if name is None:
        return ""
    own = ENTITY_FIELD_LABELS.get(entity or "", {}).get(name)
    if own:
        return own
    if name.startswith("guardian") and name[8:9].isdigit():
        slot, _sep, rest = name[8:].partition("_")
        return f"监护人{slot}" + (_GUARDIAN.get(rest, rest) if rest else "")
    return FIELD_LABELS.get(name) or COMMON_FIELD_LABELS.get(name) or name
