# generated — do not edit: change ui/visit_form.ui in Qt Designer, then run `python -m kongchuo_desktop.gui.compile_ui`
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'visit_form.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDateEdit,
    QDateTimeEdit, QDialog, QDialogButtonBox, QGridLayout,
    QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPlainTextEdit, QPushButton, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_VisitForm(object):
    def setupUi(self, VisitForm):
        if not VisitForm.objectName():
            VisitForm.setObjectName(u"VisitForm")
        VisitForm.resize(860, 560)
        self.mainLayout = QVBoxLayout(VisitForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.pupilRow = QHBoxLayout()
        self.pupilRow.setObjectName(u"pupilRow")
        self.pupilSearchLabel = QLabel(VisitForm)
        self.pupilSearchLabel.setObjectName(u"pupilSearchLabel")

        self.pupilRow.addWidget(self.pupilSearchLabel)

        self.pupilSearch = QLineEdit(VisitForm)
        self.pupilSearch.setObjectName(u"pupilSearch")
        self.pupilSearch.setClearButtonEnabled(True)

        self.pupilRow.addWidget(self.pupilSearch)


        self.mainLayout.addLayout(self.pupilRow)

        self.studentLabel = QLabel(VisitForm)
        self.studentLabel.setObjectName(u"studentLabel")
        self.studentLabel.setText(u"")
        self.studentLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.studentLabel)

        self.dueLabel = QLabel(VisitForm)
        self.dueLabel.setObjectName(u"dueLabel")
        self.dueLabel.setText(u"")
        self.dueLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.dueLabel)

        self.visitGrid = QGridLayout()
        self.visitGrid.setObjectName(u"visitGrid")
        self.visitGrid.setHorizontalSpacing(10)
        self.visitGrid.setVerticalSpacing(4)
        self.label_visited_at = QLabel(VisitForm)
        self.label_visited_at.setObjectName(u"label_visited_at")
        self.label_visited_at.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.visitGrid.addWidget(self.label_visited_at, 0, 0, 1, 1)

        self.visitedAtEdit = QDateTimeEdit(VisitForm)
        self.visitedAtEdit.setObjectName(u"visitedAtEdit")
        self.visitedAtEdit.setCalendarPopup(True)
        self.visitedAtEdit.setDisplayFormat(u"yyyy-MM-dd HH:mm")

        self.visitGrid.addWidget(self.visitedAtEdit, 0, 1, 1, 1)

        self.label_round = QLabel(VisitForm)
        self.label_round.setObjectName(u"label_round")
        self.label_round.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.visitGrid.addWidget(self.label_round, 0, 2, 1, 1)

        self.roundCombo = QComboBox(VisitForm)
        self.roundCombo.setObjectName(u"roundCombo")

        self.visitGrid.addWidget(self.roundCombo, 0, 3, 1, 1)

        self.err_visited_at = QLabel(VisitForm)
        self.err_visited_at.setObjectName(u"err_visited_at")
        self.err_visited_at.setText(u"")
        self.err_visited_at.setWordWrap(True)

        self.visitGrid.addWidget(self.err_visited_at, 1, 1, 1, 1)

        self.err_round = QLabel(VisitForm)
        self.err_round.setObjectName(u"err_round")
        self.err_round.setText(u"")
        self.err_round.setWordWrap(True)

        self.visitGrid.addWidget(self.err_round, 1, 3, 1, 1)

        self.label_kind = QLabel(VisitForm)
        self.label_kind.setObjectName(u"label_kind")
        self.label_kind.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.visitGrid.addWidget(self.label_kind, 2, 0, 1, 1)

        self.kindCombo = QComboBox(VisitForm)
        self.kindCombo.setObjectName(u"kindCombo")

        self.visitGrid.addWidget(self.kindCombo, 2, 1, 1, 1)

        self.label_met_with = QLabel(VisitForm)
        self.label_met_with.setObjectName(u"label_met_with")
        self.label_met_with.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.visitGrid.addWidget(self.label_met_with, 2, 2, 1, 1)

        self.metWithCombo = QComboBox(VisitForm)
        self.metWithCombo.setObjectName(u"metWithCombo")
        self.metWithCombo.setEditable(True)
        self.metWithCombo.setInsertPolicy(QComboBox.NoInsert)

        self.visitGrid.addWidget(self.metWithCombo, 2, 3, 1, 1)

        self.label_participants = QLabel(VisitForm)
        self.label_participants.setObjectName(u"label_participants")
        self.label_participants.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.visitGrid.addWidget(self.label_participants, 3, 0, 1, 1)

        self.participantsList = QListWidget(VisitForm)
        self.participantsList.setObjectName(u"participantsList")
        self.participantsList.setMinimumSize(QSize(0, 110))

        self.visitGrid.addWidget(self.participantsList, 3, 1, 5, 1)

        self.label_reason = QLabel(VisitForm)
        self.label_reason.setObjectName(u"label_reason")
        self.label_reason.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.visitGrid.addWidget(self.label_reason, 3, 2, 1, 1)

        self.reasonCombo = QComboBox(VisitForm)
        self.reasonCombo.setObjectName(u"reasonCombo")

        self.visitGrid.addWidget(self.reasonCombo, 3, 3, 1, 1)

        self.err_reason = QLabel(VisitForm)
        self.err_reason.setObjectName(u"err_reason")
        self.err_reason.setText(u"")
        self.err_reason.setWordWrap(True)

        self.visitGrid.addWidget(self.err_reason, 4, 3, 1, 1)

        self.label_attitude = QLabel(VisitForm)
        self.label_attitude.setObjectName(u"label_attitude")
        self.label_attitude.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.visitGrid.addWidget(self.label_attitude, 5, 2, 1, 1)

        self.attitudeCombo = QComboBox(VisitForm)
        self.attitudeCombo.setObjectName(u"attitudeCombo")
        self.attitudeCombo.setEditable(True)
        self.attitudeCombo.setInsertPolicy(QComboBox.NoInsert)

        self.visitGrid.addWidget(self.attitudeCombo, 5, 3, 1, 1)

        self.label_outcome = QLabel(VisitForm)
        self.label_outcome.setObjectName(u"label_outcome")
        self.label_outcome.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.visitGrid.addWidget(self.label_outcome, 6, 2, 1, 1)

        self.outcomeCombo = QComboBox(VisitForm)
        self.outcomeCombo.setObjectName(u"outcomeCombo")

        self.visitGrid.addWidget(self.outcomeCombo, 6, 3, 1, 1)

        self.err_outcome = QLabel(VisitForm)
        self.err_outcome.setObjectName(u"err_outcome")
        self.err_outcome.setText(u"")
        self.err_outcome.setWordWrap(True)

        self.visitGrid.addWidget(self.err_outcome, 7, 3, 1, 1)

        self.label_others = QLabel(VisitForm)
        self.label_others.setObjectName(u"label_others")
        self.label_others.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.visitGrid.addWidget(self.label_others, 8, 0, 1, 1)

        self.othersEdit = QLineEdit(VisitForm)
        self.othersEdit.setObjectName(u"othersEdit")

        self.visitGrid.addWidget(self.othersEdit, 8, 1, 1, 1)

        self.label_promised_on = QLabel(VisitForm)
        self.label_promised_on.setObjectName(u"label_promised_on")
        self.label_promised_on.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.visitGrid.addWidget(self.label_promised_on, 8, 2, 1, 1)

        self.promisedOnEdit = QDateEdit(VisitForm)
        self.promisedOnEdit.setObjectName(u"promisedOnEdit")
        self.promisedOnEdit.setCalendarPopup(True)
        self.promisedOnEdit.setDisplayFormat(u"yyyy-MM-dd")

        self.visitGrid.addWidget(self.promisedOnEdit, 8, 3, 1, 1)

        self.err_participants = QLabel(VisitForm)
        self.err_participants.setObjectName(u"err_participants")
        self.err_participants.setText(u"")
        self.err_participants.setWordWrap(True)

        self.visitGrid.addWidget(self.err_participants, 9, 1, 1, 1)

        self.err_promised_on = QLabel(VisitForm)
        self.err_promised_on.setObjectName(u"err_promised_on")
        self.err_promised_on.setText(u"")
        self.err_promised_on.setWordWrap(True)

        self.visitGrid.addWidget(self.err_promised_on, 9, 3, 1, 1)

        self.label_next_step = QLabel(VisitForm)
        self.label_next_step.setObjectName(u"label_next_step")
        self.label_next_step.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.visitGrid.addWidget(self.label_next_step, 10, 0, 1, 1)

        self.nextStepEdit = QLineEdit(VisitForm)
        self.nextStepEdit.setObjectName(u"nextStepEdit")

        self.visitGrid.addWidget(self.nextStepEdit, 10, 1, 1, 1)

        self.label_next_step_on = QLabel(VisitForm)
        self.label_next_step_on.setObjectName(u"label_next_step_on")
        self.label_next_step_on.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.visitGrid.addWidget(self.label_next_step_on, 10, 2, 1, 1)

        self.nextStepOnEdit = QDateEdit(VisitForm)
        self.nextStepOnEdit.setObjectName(u"nextStepOnEdit")
        self.nextStepOnEdit.setCalendarPopup(True)
        self.nextStepOnEdit.setDisplayFormat(u"yyyy-MM-dd")

        self.visitGrid.addWidget(self.nextStepOnEdit, 10, 3, 1, 1)

        self.err_next_step_on = QLabel(VisitForm)
        self.err_next_step_on.setObjectName(u"err_next_step_on")
        self.err_next_step_on.setText(u"")
        self.err_next_step_on.setWordWrap(True)

        self.visitGrid.addWidget(self.err_next_step_on, 11, 3, 1, 1)

        self.label_note = QLabel(VisitForm)
        self.label_note.setObjectName(u"label_note")
        self.label_note.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.visitGrid.addWidget(self.label_note, 12, 0, 1, 1)

        self.noteEdit = QPlainTextEdit(VisitForm)
        self.noteEdit.setObjectName(u"noteEdit")
        self.noteEdit.setTabChangesFocus(True)
        self.noteEdit.setMaximumSize(QSize(16777215, 72))

        self.visitGrid.addWidget(self.noteEdit, 12, 1, 1, 3)

        self.label_attachments = QLabel(VisitForm)
        self.label_attachments.setObjectName(u"label_attachments")
        self.label_attachments.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.visitGrid.addWidget(self.label_attachments, 13, 0, 1, 1)

        self.attachmentsRow = QHBoxLayout()
        self.attachmentsRow.setObjectName(u"attachmentsRow")
        self.attachmentsList = QListWidget(VisitForm)
        self.attachmentsList.setObjectName(u"attachmentsList")
        self.attachmentsList.setMaximumSize(QSize(16777215, 56))

        self.attachmentsRow.addWidget(self.attachmentsList)

        self.attachmentButtons = QVBoxLayout()
        self.attachmentButtons.setObjectName(u"attachmentButtons")
        self.addAttachmentButton = QPushButton(VisitForm)
        self.addAttachmentButton.setObjectName(u"addAttachmentButton")

        self.attachmentButtons.addWidget(self.addAttachmentButton)

        self.removeAttachmentButton = QPushButton(VisitForm)
        self.removeAttachmentButton.setObjectName(u"removeAttachmentButton")

        self.attachmentButtons.addWidget(self.removeAttachmentButton)


        self.attachmentsRow.addLayout(self.attachmentButtons)


        self.visitGrid.addLayout(self.attachmentsRow, 13, 1, 1, 3)

        self.err_attachment = QLabel(VisitForm)
        self.err_attachment.setObjectName(u"err_attachment")
        self.err_attachment.setText(u"")
        self.err_attachment.setWordWrap(True)

        self.visitGrid.addWidget(self.err_attachment, 14, 1, 1, 3)

        self.visitGrid.setRowStretch(7, 1)
        self.visitGrid.setColumnStretch(1, 1)
        self.visitGrid.setColumnStretch(3, 1)

        self.mainLayout.addLayout(self.visitGrid)

        self.generalErrorLabel = QLabel(VisitForm)
        self.generalErrorLabel.setObjectName(u"generalErrorLabel")
        self.generalErrorLabel.setText(u"")
        self.generalErrorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.generalErrorLabel)

        self.hintLabel = QLabel(VisitForm)
        self.hintLabel.setObjectName(u"hintLabel")

        self.mainLayout.addWidget(self.hintLabel)

        self.buttonBox = QDialogButtonBox(VisitForm)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.pupilSearchLabel.setBuddy(self.pupilSearch)
        self.label_visited_at.setBuddy(self.visitedAtEdit)
        self.label_round.setBuddy(self.roundCombo)
        self.label_kind.setBuddy(self.kindCombo)
        self.label_met_with.setBuddy(self.metWithCombo)
        self.label_participants.setBuddy(self.participantsList)
        self.label_reason.setBuddy(self.reasonCombo)
        self.label_attitude.setBuddy(self.attitudeCombo)
        self.label_outcome.setBuddy(self.outcomeCombo)
        self.label_others.setBuddy(self.othersEdit)
        self.label_promised_on.setBuddy(self.promisedOnEdit)
        self.label_next_step.setBuddy(self.nextStepEdit)
        self.label_next_step_on.setBuddy(self.nextStepOnEdit)
        self.label_note.setBuddy(self.noteEdit)
        self.label_attachments.setBuddy(self.attachmentsList)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.pupilSearch, self.visitedAtEdit)
        QWidget.setTabOrder(self.visitedAtEdit, self.roundCombo)
        QWidget.setTabOrder(self.roundCombo, self.kindCombo)
        QWidget.setTabOrder(self.kindCombo, self.participantsList)
        QWidget.setTabOrder(self.participantsList, self.othersEdit)
        QWidget.setTabOrder(self.othersEdit, self.metWithCombo)
        QWidget.setTabOrder(self.metWithCombo, self.reasonCombo)
        QWidget.setTabOrder(self.reasonCombo, self.attitudeCombo)
        QWidget.setTabOrder(self.attitudeCombo, self.outcomeCombo)
        QWidget.setTabOrder(self.outcomeCombo, self.promisedOnEdit)
        QWidget.setTabOrder(self.promisedOnEdit, self.nextStepEdit)
        QWidget.setTabOrder(self.nextStepEdit, self.nextStepOnEdit)
        QWidget.setTabOrder(self.nextStepOnEdit, self.noteEdit)
        QWidget.setTabOrder(self.noteEdit, self.attachmentsList)
        QWidget.setTabOrder(self.attachmentsList, self.addAttachmentButton)
        QWidget.setTabOrder(self.addAttachmentButton, self.removeAttachmentButton)
        QWidget.setTabOrder(self.removeAttachmentButton, self.buttonBox)

        self.retranslateUi(VisitForm)

        QMetaObject.connectSlotsByName(VisitForm)
    # setupUi

    def retranslateUi(self, VisitForm):
        VisitForm.setWindowTitle(QCoreApplication.translate("VisitForm", u"\u767b\u8bb0\u5bb6\u8bbf", None))
        self.pupilSearchLabel.setText(QCoreApplication.translate("VisitForm", u"\u5b66\u751f", None))
        self.pupilSearch.setPlaceholderText(QCoreApplication.translate("VisitForm", u"\u8f93\u5165\u59d3\u540d\u3001\u62fc\u97f3\u9996\u5b57\u6bcd\u6216\u8eab\u4efd\u8bc1\u4ef6\u53f7\u67e5\u627e\u5b66\u751f", None))
        self.label_visited_at.setText(QCoreApplication.translate("VisitForm", u"<span style=\"color:#c0392b\">*</span> \u8d70\u8bbf\u65f6\u95f4", None))
#if QT_CONFIG(tooltip)
        self.visitedAtEdit.setToolTip(QCoreApplication.translate("VisitForm", u"\u9ed8\u8ba4\u4e3a\u73b0\u5728\uff1b\u8865\u8bb0\u4ee5\u524d\u7684\u8d70\u8bbf\u65f6\u8bf7\u6539\u6210\u5b9e\u9645\u65f6\u95f4", None))
#endif // QT_CONFIG(tooltip)
        self.label_round.setText(QCoreApplication.translate("VisitForm", u"<span style=\"color:#c0392b\">*</span> \u8f6e\u6b21", None))
#if QT_CONFIG(tooltip)
        self.roundCombo.setToolTip(QCoreApplication.translate("VisitForm", u"\u4e00\u8bbf\uff1a\u73ed\u4e3b\u4efb\uff1b\u4e8c\u8bbf\uff1a\u6821\u957f\u6216\u9632\u8f8d\u5c0f\u7ec4\uff1b\u4e09\u8bbf\uff1a\u8054\u5408\u6751\uff08\u5c45\uff09\u59d4\u4f1a\uff1b\u4e4b\u540e\u7684\u8d70\u8bbf\u9009\u201c\u8ddf\u8fdb\u201d", None))
#endif // QT_CONFIG(tooltip)
        self.label_kind.setText(QCoreApplication.translate("VisitForm", u"<span style=\"color:#c0392b\">*</span> \u65b9\u5f0f", None))
        self.label_met_with.setText(QCoreApplication.translate("VisitForm", u"\u89c1\u5230", None))
#if QT_CONFIG(tooltip)
        self.metWithCombo.setToolTip(QCoreApplication.translate("VisitForm", u"\u89c1\u5230\u4e86\u8c01\uff08\u53ef\u76f4\u63a5\u8f93\u5165\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.label_participants.setText(QCoreApplication.translate("VisitForm", u"<span style=\"color:#c0392b\">*</span> \u8d70\u8bbf\u4eba\u5458", None))
#if QT_CONFIG(tooltip)
        self.participantsList.setToolTip(QCoreApplication.translate("VisitForm", u"\u52fe\u9009\u53c2\u52a0\u8d70\u8bbf\u7684\u4eba\u5458\uff08\u65b9\u5411\u952e\u79fb\u52a8\uff0c\u7a7a\u683c\u52fe\u9009\uff09\uff1b\u672c\u6b21\u5e94\u53bb\u7684\u4eba\u5458\u5df2\u52fe\u9009\u5e76\u6392\u5728\u524d\u9762", None))
#endif // QT_CONFIG(tooltip)
        self.label_reason.setText(QCoreApplication.translate("VisitForm", u"<span style=\"color:#c0392b\">*</span> \u539f\u56e0", None))
#if QT_CONFIG(tooltip)
        self.reasonCombo.setToolTip(QCoreApplication.translate("VisitForm", u"\u7f3a\u8bfe\uff08\u8f8d\u5b66\uff09\u7684\u4e3b\u8981\u539f\u56e0", None))
#endif // QT_CONFIG(tooltip)
        self.label_attitude.setText(QCoreApplication.translate("VisitForm", u"\u5bb6\u957f\u6001\u5ea6", None))
        self.label_outcome.setText(QCoreApplication.translate("VisitForm", u"<span style=\"color:#c0392b\">*</span> \u7ed3\u679c", None))
        self.label_others.setText(QCoreApplication.translate("VisitForm", u"\u5176\u4ed6\u4eba\u5458", None))
        self.othersEdit.setPlaceholderText(QCoreApplication.translate("VisitForm", u"\u540d\u5355\u4ee5\u5916\u7684\u4eba\u5458\uff0c\u7528\u987f\u53f7\u5206\u5f00\uff0c\u5982\uff1a\u738b\u6751\u957f\u3001\u674e\u4e66\u8bb0", None))
        self.label_promised_on.setText(QCoreApplication.translate("VisitForm", u"\u627f\u8bfa\u8fd4\u6821", None))
#if QT_CONFIG(tooltip)
        self.promisedOnEdit.setToolTip(QCoreApplication.translate("VisitForm", u"\u5bb6\u957f\u627f\u8bfa\u5b69\u5b50\u54ea\u5929\u56de\u6821\u4e0a\u5b66", None))
#endif // QT_CONFIG(tooltip)
        self.label_next_step.setText(QCoreApplication.translate("VisitForm", u"\u4e0b\u4e00\u6b65", None))
        self.nextStepEdit.setPlaceholderText(QCoreApplication.translate("VisitForm", u"\u4f8b\u5982\uff1a\u5468\u4e00\u518d\u6b21\u5bb6\u8bbf\u3001\u8054\u7cfb\u52a1\u5de5\u5730", None))
        self.label_next_step_on.setText(QCoreApplication.translate("VisitForm", u"\u4e0b\u4e00\u6b65\u65e5\u671f", None))
#if QT_CONFIG(tooltip)
        self.nextStepOnEdit.setToolTip(QCoreApplication.translate("VisitForm", u"\u4e0b\u4e00\u6b65\u5728\u54ea\u5929\u505a\uff08\u5230\u65f6\u4f1a\u51fa\u73b0\u5728\u5f85\u529e\u4e2d\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.label_note.setText(QCoreApplication.translate("VisitForm", u"\u60c5\u51b5\u8bb0\u5f55", None))
        self.noteEdit.setPlaceholderText(QCoreApplication.translate("VisitForm", u"\u5bb6\u5ead\u60c5\u51b5\u3001\u5b66\u751f\u60f3\u6cd5\u3001\u505a\u4e86\u54ea\u4e9b\u5de5\u4f5c\u7b49", None))
        self.label_attachments.setText(QCoreApplication.translate("VisitForm", u"\u7167\u7247\u6216\u626b\u63cf\u4ef6", None))
        self.addAttachmentButton.setText(QCoreApplication.translate("VisitForm", u"\u6dfb\u52a0\u2026", None))
        self.removeAttachmentButton.setText(QCoreApplication.translate("VisitForm", u"\u79fb\u9664", None))
        self.hintLabel.setText(QCoreApplication.translate("VisitForm", u"\u5e26 * \u7684\u5fc5\u987b\u586b\u5199\u3002\u6309 Tab \u952e\u5230\u4e0b\u4e00\u9879\uff0c\u6309\u56de\u8f66\u4fdd\u5b58\u3002", None))
    # retranslateUi

