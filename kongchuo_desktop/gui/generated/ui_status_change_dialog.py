# generated — do not edit: change ui/status_change_dialog.ui in Qt Designer, then run `python -m kongchuo_desktop.gui.compile_ui`
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'status_change_dialog.ui'
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
    QDialog, QDialogButtonBox, QGridLayout, QGroupBox,
    QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPlainTextEdit, QPushButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_StatusChangeDialog(object):
    def setupUi(self, StatusChangeDialog):
        if not StatusChangeDialog.objectName():
            StatusChangeDialog.setObjectName(u"StatusChangeDialog")
        StatusChangeDialog.resize(620, 560)
        self.mainLayout = QVBoxLayout(StatusChangeDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.studentLabel = QLabel(StatusChangeDialog)
        self.studentLabel.setObjectName(u"studentLabel")
        self.studentLabel.setText(u"")

        self.mainLayout.addWidget(self.studentLabel)

        self.changeGrid = QGridLayout()
        self.changeGrid.setObjectName(u"changeGrid")
        self.changeGrid.setHorizontalSpacing(10)
        self.changeGrid.setVerticalSpacing(6)
        self.label_kind = QLabel(StatusChangeDialog)
        self.label_kind.setObjectName(u"label_kind")
        self.label_kind.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.changeGrid.addWidget(self.label_kind, 0, 0, 1, 1)

        self.kindCombo = QComboBox(StatusChangeDialog)
        self.kindCombo.setObjectName(u"kindCombo")

        self.changeGrid.addWidget(self.kindCombo, 0, 1, 1, 1)

        self.err_kind = QLabel(StatusChangeDialog)
        self.err_kind.setObjectName(u"err_kind")
        self.err_kind.setText(u"")
        self.err_kind.setWordWrap(True)

        self.changeGrid.addWidget(self.err_kind, 1, 1, 1, 1)

        self.label_changed_on = QLabel(StatusChangeDialog)
        self.label_changed_on.setObjectName(u"label_changed_on")
        self.label_changed_on.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.changeGrid.addWidget(self.label_changed_on, 2, 0, 1, 1)

        self.changedOnEdit = QDateEdit(StatusChangeDialog)
        self.changedOnEdit.setObjectName(u"changedOnEdit")
        self.changedOnEdit.setCalendarPopup(True)
        self.changedOnEdit.setDisplayFormat(u"yyyy-MM-dd")

        self.changeGrid.addWidget(self.changedOnEdit, 2, 1, 1, 1)

        self.err_changed_on = QLabel(StatusChangeDialog)
        self.err_changed_on.setObjectName(u"err_changed_on")
        self.err_changed_on.setText(u"")
        self.err_changed_on.setWordWrap(True)

        self.changeGrid.addWidget(self.err_changed_on, 3, 1, 1, 1)

        self.label_reason = QLabel(StatusChangeDialog)
        self.label_reason.setObjectName(u"label_reason")
        self.label_reason.setAlignment(Qt.AlignRight|Qt.AlignTop)

        self.changeGrid.addWidget(self.label_reason, 4, 0, 1, 1)

        self.reasonEdit = QPlainTextEdit(StatusChangeDialog)
        self.reasonEdit.setObjectName(u"reasonEdit")
        self.reasonEdit.setTabChangesFocus(True)
        self.reasonEdit.setMaximumSize(QSize(16777215, 90))

        self.changeGrid.addWidget(self.reasonEdit, 4, 1, 1, 1)

        self.err_reason = QLabel(StatusChangeDialog)
        self.err_reason.setObjectName(u"err_reason")
        self.err_reason.setText(u"")
        self.err_reason.setWordWrap(True)

        self.changeGrid.addWidget(self.err_reason, 5, 1, 1, 1)

        self.label_from_school = QLabel(StatusChangeDialog)
        self.label_from_school.setObjectName(u"label_from_school")
        self.label_from_school.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.changeGrid.addWidget(self.label_from_school, 6, 0, 1, 1)

        self.fromSchoolEdit = QLineEdit(StatusChangeDialog)
        self.fromSchoolEdit.setObjectName(u"fromSchoolEdit")
        self.fromSchoolEdit.setMaxLength(100)

        self.changeGrid.addWidget(self.fromSchoolEdit, 6, 1, 1, 1)

        self.err_from_school = QLabel(StatusChangeDialog)
        self.err_from_school.setObjectName(u"err_from_school")
        self.err_from_school.setText(u"")
        self.err_from_school.setWordWrap(True)

        self.changeGrid.addWidget(self.err_from_school, 7, 1, 1, 1)

        self.label_to_school = QLabel(StatusChangeDialog)
        self.label_to_school.setObjectName(u"label_to_school")
        self.label_to_school.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.changeGrid.addWidget(self.label_to_school, 8, 0, 1, 1)

        self.toSchoolEdit = QLineEdit(StatusChangeDialog)
        self.toSchoolEdit.setObjectName(u"toSchoolEdit")
        self.toSchoolEdit.setMaxLength(100)

        self.changeGrid.addWidget(self.toSchoolEdit, 8, 1, 1, 1)

        self.err_to_school = QLabel(StatusChangeDialog)
        self.err_to_school.setObjectName(u"err_to_school")
        self.err_to_school.setText(u"")
        self.err_to_school.setWordWrap(True)

        self.changeGrid.addWidget(self.err_to_school, 9, 1, 1, 1)

        self.changeGrid.setColumnStretch(1, 1)

        self.mainLayout.addLayout(self.changeGrid)

        self.proofBox = QGroupBox(StatusChangeDialog)
        self.proofBox.setObjectName(u"proofBox")
        self.proofLayout = QVBoxLayout(self.proofBox)
        self.proofLayout.setObjectName(u"proofLayout")
        self.proofHintLabel = QLabel(self.proofBox)
        self.proofHintLabel.setObjectName(u"proofHintLabel")
        self.proofHintLabel.setText(u"")
        self.proofHintLabel.setWordWrap(True)

        self.proofLayout.addWidget(self.proofHintLabel)

        self.proofList = QListWidget(self.proofBox)
        self.proofList.setObjectName(u"proofList")

        self.proofLayout.addWidget(self.proofList)

        self.proofButtons = QHBoxLayout()
        self.proofButtons.setObjectName(u"proofButtons")
        self.addProofButton = QPushButton(self.proofBox)
        self.addProofButton.setObjectName(u"addProofButton")

        self.proofButtons.addWidget(self.addProofButton)

        self.removeProofButton = QPushButton(self.proofBox)
        self.removeProofButton.setObjectName(u"removeProofButton")

        self.proofButtons.addWidget(self.removeProofButton)

        self.proofButtonsStretch = QSpacerItem(40, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.proofButtons.addItem(self.proofButtonsStretch)


        self.proofLayout.addLayout(self.proofButtons)

        self.err_proof = QLabel(self.proofBox)
        self.err_proof.setObjectName(u"err_proof")
        self.err_proof.setText(u"")
        self.err_proof.setWordWrap(True)

        self.proofLayout.addWidget(self.err_proof)


        self.mainLayout.addWidget(self.proofBox)

        self.generalErrorLabel = QLabel(StatusChangeDialog)
        self.generalErrorLabel.setObjectName(u"generalErrorLabel")
        self.generalErrorLabel.setText(u"")
        self.generalErrorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.generalErrorLabel)

        self.buttonBox = QDialogButtonBox(StatusChangeDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.label_kind.setBuddy(self.kindCombo)
        self.label_changed_on.setBuddy(self.changedOnEdit)
        self.label_reason.setBuddy(self.reasonEdit)
        self.label_from_school.setBuddy(self.fromSchoolEdit)
        self.label_to_school.setBuddy(self.toSchoolEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.kindCombo, self.changedOnEdit)
        QWidget.setTabOrder(self.changedOnEdit, self.reasonEdit)
        QWidget.setTabOrder(self.reasonEdit, self.fromSchoolEdit)
        QWidget.setTabOrder(self.fromSchoolEdit, self.toSchoolEdit)
        QWidget.setTabOrder(self.toSchoolEdit, self.proofList)
        QWidget.setTabOrder(self.proofList, self.addProofButton)
        QWidget.setTabOrder(self.addProofButton, self.removeProofButton)
        QWidget.setTabOrder(self.removeProofButton, self.buttonBox)

        self.retranslateUi(StatusChangeDialog)

        QMetaObject.connectSlotsByName(StatusChangeDialog)
    # setupUi

    def retranslateUi(self, StatusChangeDialog):
        StatusChangeDialog.setWindowTitle(QCoreApplication.translate("StatusChangeDialog", u"\u5b66\u7c4d\u5f02\u52a8", None))
        self.label_kind.setText(QCoreApplication.translate("StatusChangeDialog", u"<span style=\"color:#c0392b\">*</span> \u5f02\u52a8\u7c7b\u578b", None))
        self.label_changed_on.setText(QCoreApplication.translate("StatusChangeDialog", u"<span style=\"color:#c0392b\">*</span> \u5f02\u52a8\u65e5\u671f", None))
        self.label_reason.setText(QCoreApplication.translate("StatusChangeDialog", u"<span style=\"color:#c0392b\">*</span> \u5f02\u52a8\u539f\u56e0", None))
        self.label_from_school.setText(QCoreApplication.translate("StatusChangeDialog", u"<span style=\"color:#c0392b\">*</span> \u539f\u5b66\u6821", None))
        self.label_to_school.setText(QCoreApplication.translate("StatusChangeDialog", u"<span style=\"color:#c0392b\">*</span> \u8f6c\u5165\u5b66\u6821", None))
        self.proofBox.setTitle(QCoreApplication.translate("StatusChangeDialog", u"\u8bc1\u660e\u6750\u6599", None))
        self.addProofButton.setText(QCoreApplication.translate("StatusChangeDialog", u"\u6dfb\u52a0\u8bc1\u660e\u6750\u6599\u2026", None))
        self.removeProofButton.setText(QCoreApplication.translate("StatusChangeDialog", u"\u79fb\u9664", None))
    # retranslateUi

