# generated — do not edit: change ui/student_form.ui in Qt Designer, then run `python -m kongchuo_desktop.gui.compile_ui`
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'student_form.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDateEdit, QDialog, QDialogButtonBox, QGridLayout,
    QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPlainTextEdit, QSizePolicy, QSpacerItem,
    QSpinBox, QTabWidget, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget)

class Ui_StudentForm(object):
    def setupUi(self, StudentForm):
        if not StudentForm.objectName():
            StudentForm.setObjectName(u"StudentForm")
        StudentForm.resize(900, 600)
        self.mainLayout = QVBoxLayout(StudentForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.tabs = QTabWidget(StudentForm)
        self.tabs.setObjectName(u"tabs")
        self.tabBasic = QWidget()
        self.tabBasic.setObjectName(u"tabBasic")
        self.basicColumns = QHBoxLayout(self.tabBasic)
        self.basicColumns.setSpacing(28)
        self.basicColumns.setObjectName(u"basicColumns")
        self.basicColumn1 = QGridLayout()
        self.basicColumn1.setObjectName(u"basicColumn1")
        self.basicColumn1.setHorizontalSpacing(10)
        self.basicColumn1.setVerticalSpacing(6)
        self.label_name = QLabel(self.tabBasic)
        self.label_name.setObjectName(u"label_name")
        self.label_name.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.basicColumn1.addWidget(self.label_name, 0, 0, 1, 1)

        self.nameEdit = QLineEdit(self.tabBasic)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMaxLength(30)

        self.basicColumn1.addWidget(self.nameEdit, 0, 1, 1, 1)

        self.err_name = QLabel(self.tabBasic)
        self.err_name.setObjectName(u"err_name")
        self.err_name.setText(u"")
        self.err_name.setWordWrap(True)

        self.basicColumn1.addWidget(self.err_name, 1, 1, 1, 1)

        self.label_sex = QLabel(self.tabBasic)
        self.label_sex.setObjectName(u"label_sex")
        self.label_sex.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.basicColumn1.addWidget(self.label_sex, 2, 0, 1, 1)

        self.sexCombo = QComboBox(self.tabBasic)
        self.sexCombo.setObjectName(u"sexCombo")

        self.basicColumn1.addWidget(self.sexCombo, 2, 1, 1, 1)

        self.err_sex = QLabel(self.tabBasic)
        self.err_sex.setObjectName(u"err_sex")
        self.err_sex.setText(u"")
        self.err_sex.setWordWrap(True)

        self.basicColumn1.addWidget(self.err_sex, 3, 1, 1, 1)

        self.label_id_type = QLabel(self.tabBasic)
        self.label_id_type.setObjectName(u"label_id_type")
        self.label_id_type.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.basicColumn1.addWidget(self.label_id_type, 4, 0, 1, 1)

        self.idTypeCombo = QComboBox(self.tabBasic)
        self.idTypeCombo.setObjectName(u"idTypeCombo")

        self.basicColumn1.addWidget(self.idTypeCombo, 4, 1, 1, 1)

        self.err_id_type = QLabel(self.tabBasic)
        self.err_id_type.setObjectName(u"err_id_type")
        self.err_id_type.setText(u"")
        self.err_id_type.setWordWrap(True)

        self.basicColumn1.addWidget(self.err_id_type, 5, 1, 1, 1)

        self.label_id_number = QLabel(self.tabBasic)
        self.label_id_number.setObjectName(u"label_id_number")
        self.label_id_number.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.basicColumn1.addWidget(self.label_id_number, 6, 0, 1, 1)

        self.idNumberEdit = QLineEdit(self.tabBasic)
        self.idNumberEdit.setObjectName(u"idNumberEdit")
        self.idNumberEdit.setMaxLength(24)

        self.basicColumn1.addWidget(self.idNumberEdit, 6, 1, 1, 1)

        self.err_id_number = QLabel(self.tabBasic)
        self.err_id_number.setObjectName(u"err_id_number")
        self.err_id_number.setText(u"")
        self.err_id_number.setWordWrap(True)

        self.basicColumn1.addWidget(self.err_id_number, 7, 1, 1, 1)

        self.label_birth_date = QLabel(self.tabBasic)
        self.label_birth_date.setObjectName(u"label_birth_date")
        self.label_birth_date.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.basicColumn1.addWidget(self.label_birth_date, 8, 0, 1, 1)

        self.birthDateEdit = QDateEdit(self.tabBasic)
        self.birthDateEdit.setObjectName(u"birthDateEdit")
        self.birthDateEdit.setCalendarPopup(True)
        self.birthDateEdit.setDisplayFormat(u"yyyy-MM-dd")

        self.basicColumn1.addWidget(self.birthDateEdit, 8, 1, 1, 1)

        self.err_birth_date = QLabel(self.tabBasic)
        self.err_birth_date.setObjectName(u"err_birth_date")
        self.err_birth_date.setText(u"")
        self.err_birth_date.setWordWrap(True)

        self.basicColumn1.addWidget(self.err_birth_date, 9, 1, 1, 1)

        self.label_ethnicity_code = QLabel(self.tabBasic)
        self.label_ethnicity_code.setObjectName(u"label_ethnicity_code")
        self.label_ethnicity_code.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.basicColumn1.addWidget(self.label_ethnicity_code, 10, 0, 1, 1)

        self.ethnicityCombo = QComboBox(self.tabBasic)
        self.ethnicityCombo.setObjectName(u"ethnicityCombo")

        self.basicColumn1.addWidget(self.ethnicityCombo, 10, 1, 1, 1)

        self.err_ethnicity_code = QLabel(self.tabBasic)
        self.err_ethnicity_code.setObjectName(u"err_ethnicity_code")
        self.err_ethnicity_code.setText(u"")
        self.err_ethnicity_code.setWordWrap(True)

        self.basicColumn1.addWidget(self.err_ethnicity_code, 11, 1, 1, 1)

        self.basicColumn1_bottom = QSpacerItem(20, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.basicColumn1.addItem(self.basicColumn1_bottom, 12, 0, 1, 1)

        self.basicColumn1.setColumnStretch(1, 1)

        self.basicColumns.addLayout(self.basicColumn1)

        self.basicColumn2 = QGridLayout()
        self.basicColumn2.setObjectName(u"basicColumn2")
        self.basicColumn2.setHorizontalSpacing(10)
        self.basicColumn2.setVerticalSpacing(6)
        self.label_student_no = QLabel(self.tabBasic)
        self.label_student_no.setObjectName(u"label_student_no")
        self.label_student_no.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.basicColumn2.addWidget(self.label_student_no, 0, 0, 1, 1)

        self.studentNoEdit = QLineEdit(self.tabBasic)
        self.studentNoEdit.setObjectName(u"studentNoEdit")
        self.studentNoEdit.setMaxLength(24)

        self.basicColumn2.addWidget(self.studentNoEdit, 0, 1, 1, 1)

        self.err_student_no = QLabel(self.tabBasic)
        self.err_student_no.setObjectName(u"err_student_no")
        self.err_student_no.setText(u"")
        self.err_student_no.setWordWrap(True)

        self.basicColumn2.addWidget(self.err_student_no, 1, 1, 1, 1)

        self.label_school_id = QLabel(self.tabBasic)
        self.label_school_id.setObjectName(u"label_school_id")
        self.label_school_id.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.basicColumn2.addWidget(self.label_school_id, 2, 0, 1, 1)

        self.schoolCombo = QComboBox(self.tabBasic)
        self.schoolCombo.setObjectName(u"schoolCombo")

        self.basicColumn2.addWidget(self.schoolCombo, 2, 1, 1, 1)

        self.err_school_id = QLabel(self.tabBasic)
        self.err_school_id.setObjectName(u"err_school_id")
        self.err_school_id.setText(u"")
        self.err_school_id.setWordWrap(True)

        self.basicColumn2.addWidget(self.err_school_id, 3, 1, 1, 1)

        self.label_grade = QLabel(self.tabBasic)
        self.label_grade.setObjectName(u"label_grade")
        self.label_grade.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.basicColumn2.addWidget(self.label_grade, 4, 0, 1, 1)

        self.gradeCombo = QComboBox(self.tabBasic)
        self.gradeCombo.setObjectName(u"gradeCombo")

        self.basicColumn2.addWidget(self.gradeCombo, 4, 1, 1, 1)

        self.err_grade = QLabel(self.tabBasic)
        self.err_grade.setObjectName(u"err_grade")
        self.err_grade.setText(u"")
        self.err_grade.setWordWrap(True)

        self.basicColumn2.addWidget(self.err_grade, 5, 1, 1, 1)

        self.label_class_no = QLabel(self.tabBasic)
        self.label_class_no.setObjectName(u"label_class_no")
        self.label_class_no.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.basicColumn2.addWidget(self.label_class_no, 6, 0, 1, 1)

        self.classSpin = QSpinBox(self.tabBasic)
        self.classSpin.setObjectName(u"classSpin")

        self.basicColumn2.addWidget(self.classSpin, 6, 1, 1, 1)

        self.err_class_no = QLabel(self.tabBasic)
        self.err_class_no.setObjectName(u"err_class_no")
        self.err_class_no.setText(u"")
        self.err_class_no.setWordWrap(True)

        self.basicColumn2.addWidget(self.err_class_no, 7, 1, 1, 1)

        self.label_enrolled_on = QLabel(self.tabBasic)
        self.label_enrolled_on.setObjectName(u"label_enrolled_on")
        self.label_enrolled_on.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.basicColumn2.addWidget(self.label_enrolled_on, 8, 0, 1, 1)

        self.enrolledOnEdit = QDateEdit(self.tabBasic)
        self.enrolledOnEdit.setObjectName(u"enrolledOnEdit")
        self.enrolledOnEdit.setCalendarPopup(True)
        self.enrolledOnEdit.setDisplayFormat(u"yyyy-MM-dd")

        self.basicColumn2.addWidget(self.enrolledOnEdit, 8, 1, 1, 1)

        self.err_enrolled_on = QLabel(self.tabBasic)
        self.err_enrolled_on.setObjectName(u"err_enrolled_on")
        self.err_enrolled_on.setText(u"")
        self.err_enrolled_on.setWordWrap(True)

        self.basicColumn2.addWidget(self.err_enrolled_on, 9, 1, 1, 1)

        self.boardingCheck = QCheckBox(self.tabBasic)
        self.boardingCheck.setObjectName(u"boardingCheck")

        self.basicColumn2.addWidget(self.boardingCheck, 10, 1, 1, 1)

        self.basicColumn2_bottom = QSpacerItem(20, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.basicColumn2.addItem(self.basicColumn2_bottom, 11, 0, 1, 1)

        self.basicColumn2.setColumnStretch(1, 1)

        self.basicColumns.addLayout(self.basicColumn2)

        self.basicColumns.setStretch(0, 1)
        self.basicColumns.setStretch(1, 1)
        self.tabs.addTab(self.tabBasic, "")
        self.tabAddress = QWidget()
        self.tabAddress.setObjectName(u"tabAddress")
        self.addressGrid = QGridLayout(self.tabAddress)
        self.addressGrid.setObjectName(u"addressGrid")
        self.addressGrid.setHorizontalSpacing(10)
        self.addressGrid.setVerticalSpacing(6)
        self.label_hukou_address = QLabel(self.tabAddress)
        self.label_hukou_address.setObjectName(u"label_hukou_address")
        self.label_hukou_address.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.addressGrid.addWidget(self.label_hukou_address, 0, 0, 1, 1)

        self.hukouAddressEdit = QLineEdit(self.tabAddress)
        self.hukouAddressEdit.setObjectName(u"hukouAddressEdit")
        self.hukouAddressEdit.setMaxLength(200)

        self.addressGrid.addWidget(self.hukouAddressEdit, 0, 1, 1, 1)

        self.err_hukou_address = QLabel(self.tabAddress)
        self.err_hukou_address.setObjectName(u"err_hukou_address")
        self.err_hukou_address.setText(u"")
        self.err_hukou_address.setWordWrap(True)

        self.addressGrid.addWidget(self.err_hukou_address, 1, 1, 1, 1)

        self.label_hukou_township_id = QLabel(self.tabAddress)
        self.label_hukou_township_id.setObjectName(u"label_hukou_township_id")
        self.label_hukou_township_id.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.addressGrid.addWidget(self.label_hukou_township_id, 2, 0, 1, 1)

        self.hukouTownshipCombo = QComboBox(self.tabAddress)
        self.hukouTownshipCombo.setObjectName(u"hukouTownshipCombo")

        self.addressGrid.addWidget(self.hukouTownshipCombo, 2, 1, 1, 1)

        self.err_hukou_township_id = QLabel(self.tabAddress)
        self.err_hukou_township_id.setObjectName(u"err_hukou_township_id")
        self.err_hukou_township_id.setText(u"")
        self.err_hukou_township_id.setWordWrap(True)

        self.addressGrid.addWidget(self.err_hukou_township_id, 3, 1, 1, 1)

        self.label_hukou_nature = QLabel(self.tabAddress)
        self.label_hukou_nature.setObjectName(u"label_hukou_nature")
        self.label_hukou_nature.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.addressGrid.addWidget(self.label_hukou_nature, 4, 0, 1, 1)

        self.hukouNatureCombo = QComboBox(self.tabAddress)
        self.hukouNatureCombo.setObjectName(u"hukouNatureCombo")

        self.addressGrid.addWidget(self.hukouNatureCombo, 4, 1, 1, 1)

        self.err_hukou_nature = QLabel(self.tabAddress)
        self.err_hukou_nature.setObjectName(u"err_hukou_nature")
        self.err_hukou_nature.setText(u"")
        self.err_hukou_nature.setWordWrap(True)

        self.addressGrid.addWidget(self.err_hukou_nature, 5, 1, 1, 1)

        self.label_current_address = QLabel(self.tabAddress)
        self.label_current_address.setObjectName(u"label_current_address")
        self.label_current_address.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.addressGrid.addWidget(self.label_current_address, 6, 0, 1, 1)

        self.currentAddressEdit = QLineEdit(self.tabAddress)
        self.currentAddressEdit.setObjectName(u"currentAddressEdit")
        self.currentAddressEdit.setMaxLength(200)

        self.addressGrid.addWidget(self.currentAddressEdit, 6, 1, 1, 1)

        self.err_current_address = QLabel(self.tabAddress)
        self.err_current_address.setObjectName(u"err_current_address")
        self.err_current_address.setText(u"")
        self.err_current_address.setWordWrap(True)

        self.addressGrid.addWidget(self.err_current_address, 7, 1, 1, 1)

        self.label_note = QLabel(self.tabAddress)
        self.label_note.setObjectName(u"label_note")
        self.label_note.setAlignment(Qt.AlignRight|Qt.AlignTop)

        self.addressGrid.addWidget(self.label_note, 8, 0, 1, 1)

        self.noteEdit = QPlainTextEdit(self.tabAddress)
        self.noteEdit.setObjectName(u"noteEdit")
        self.noteEdit.setTabChangesFocus(True)
        self.noteEdit.setMaximumSize(QSize(16777215, 120))

        self.addressGrid.addWidget(self.noteEdit, 8, 1, 1, 1)

        self.err_note = QLabel(self.tabAddress)
        self.err_note.setObjectName(u"err_note")
        self.err_note.setText(u"")
        self.err_note.setWordWrap(True)

        self.addressGrid.addWidget(self.err_note, 9, 1, 1, 1)

        self.addressGrid_bottom = QSpacerItem(20, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.addressGrid.addItem(self.addressGrid_bottom, 10, 0, 1, 1)

        self.addressGrid.setColumnStretch(1, 1)
        self.tabs.addTab(self.tabAddress, "")
        self.tabSpecial = QWidget()
        self.tabSpecial.setObjectName(u"tabSpecial")
        self.specialColumns = QHBoxLayout(self.tabSpecial)
        self.specialColumns.setSpacing(28)
        self.specialColumns.setObjectName(u"specialColumns")
        self.specialColumn1 = QGridLayout()
        self.specialColumn1.setObjectName(u"specialColumn1")
        self.specialColumn1.setHorizontalSpacing(10)
        self.specialColumn1.setVerticalSpacing(6)
        self.label_left_behind = QLabel(self.tabSpecial)
        self.label_left_behind.setObjectName(u"label_left_behind")
        self.label_left_behind.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.specialColumn1.addWidget(self.label_left_behind, 0, 0, 1, 1)

        self.leftBehindCombo = QComboBox(self.tabSpecial)
        self.leftBehindCombo.setObjectName(u"leftBehindCombo")

        self.specialColumn1.addWidget(self.leftBehindCombo, 0, 1, 1, 1)

        self.err_left_behind = QLabel(self.tabSpecial)
        self.err_left_behind.setObjectName(u"err_left_behind")
        self.err_left_behind.setText(u"")
        self.err_left_behind.setWordWrap(True)

        self.specialColumn1.addWidget(self.err_left_behind, 1, 1, 1, 1)

        self.label_guardian_teacher_id = QLabel(self.tabSpecial)
        self.label_guardian_teacher_id.setObjectName(u"label_guardian_teacher_id")
        self.label_guardian_teacher_id.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.specialColumn1.addWidget(self.label_guardian_teacher_id, 2, 0, 1, 1)

        self.guardianTeacherCombo = QComboBox(self.tabSpecial)
        self.guardianTeacherCombo.setObjectName(u"guardianTeacherCombo")

        self.specialColumn1.addWidget(self.guardianTeacherCombo, 2, 1, 1, 1)

        self.err_guardian_teacher_id = QLabel(self.tabSpecial)
        self.err_guardian_teacher_id.setObjectName(u"err_guardian_teacher_id")
        self.err_guardian_teacher_id.setText(u"")
        self.err_guardian_teacher_id.setWordWrap(True)

        self.specialColumn1.addWidget(self.err_guardian_teacher_id, 3, 1, 1, 1)

        self.migrantCheck = QCheckBox(self.tabSpecial)
        self.migrantCheck.setObjectName(u"migrantCheck")

        self.specialColumn1.addWidget(self.migrantCheck, 4, 1, 1, 1)

        self.povertyCheck = QCheckBox(self.tabSpecial)
        self.povertyCheck.setObjectName(u"povertyCheck")

        self.specialColumn1.addWidget(self.povertyCheck, 5, 1, 1, 1)

        self.lowIncomeCheck = QCheckBox(self.tabSpecial)
        self.lowIncomeCheck.setObjectName(u"lowIncomeCheck")

        self.specialColumn1.addWidget(self.lowIncomeCheck, 6, 1, 1, 1)

        self.orphanCheck = QCheckBox(self.tabSpecial)
        self.orphanCheck.setObjectName(u"orphanCheck")

        self.specialColumn1.addWidget(self.orphanCheck, 7, 1, 1, 1)

        self.specialColumn1_bottom = QSpacerItem(20, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.specialColumn1.addItem(self.specialColumn1_bottom, 8, 0, 1, 1)

        self.specialColumn1.setColumnStretch(1, 1)

        self.specialColumns.addLayout(self.specialColumn1)

        self.specialColumn2 = QGridLayout()
        self.specialColumn2.setObjectName(u"specialColumn2")
        self.specialColumn2.setHorizontalSpacing(10)
        self.specialColumn2.setVerticalSpacing(6)
        self.label_disability_type = QLabel(self.tabSpecial)
        self.label_disability_type.setObjectName(u"label_disability_type")
        self.label_disability_type.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.specialColumn2.addWidget(self.label_disability_type, 0, 0, 1, 1)

        self.disabilityTypeCombo = QComboBox(self.tabSpecial)
        self.disabilityTypeCombo.setObjectName(u"disabilityTypeCombo")

        self.specialColumn2.addWidget(self.disabilityTypeCombo, 0, 1, 1, 1)

        self.err_disability_type = QLabel(self.tabSpecial)
        self.err_disability_type.setObjectName(u"err_disability_type")
        self.err_disability_type.setText(u"")
        self.err_disability_type.setWordWrap(True)

        self.specialColumn2.addWidget(self.err_disability_type, 1, 1, 1, 1)

        self.label_disability_arrangement = QLabel(self.tabSpecial)
        self.label_disability_arrangement.setObjectName(u"label_disability_arrangement")
        self.label_disability_arrangement.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.specialColumn2.addWidget(self.label_disability_arrangement, 2, 0, 1, 1)

        self.disabilityArrangementCombo = QComboBox(self.tabSpecial)
        self.disabilityArrangementCombo.setObjectName(u"disabilityArrangementCombo")

        self.specialColumn2.addWidget(self.disabilityArrangementCombo, 2, 1, 1, 1)

        self.err_disability_arrangement = QLabel(self.tabSpecial)
        self.err_disability_arrangement.setObjectName(u"err_disability_arrangement")
        self.err_disability_arrangement.setText(u"")
        self.err_disability_arrangement.setWordWrap(True)

        self.specialColumn2.addWidget(self.err_disability_arrangement, 3, 1, 1, 1)

        self.specialColumn2_bottom = QSpacerItem(20, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.specialColumn2.addItem(self.specialColumn2_bottom, 4, 0, 1, 1)

        self.specialColumn2.setColumnStretch(1, 1)

        self.specialColumns.addLayout(self.specialColumn2)

        self.specialColumns.setStretch(0, 1)
        self.specialColumns.setStretch(1, 1)
        self.tabs.addTab(self.tabSpecial, "")
        self.tabGuardians = QWidget()
        self.tabGuardians.setObjectName(u"tabGuardians")
        self.guardiansLayout = QHBoxLayout(self.tabGuardians)
        self.guardiansLayout.setObjectName(u"guardiansLayout")
        self.guardian1Box = QGroupBox(self.tabGuardians)
        self.guardian1Box.setObjectName(u"guardian1Box")
        self.guardian1Grid = QGridLayout(self.guardian1Box)
        self.guardian1Grid.setObjectName(u"guardian1Grid")
        self.guardian1Grid.setHorizontalSpacing(10)
        self.guardian1Grid.setVerticalSpacing(6)
        self.label_guardian1_name = QLabel(self.guardian1Box)
        self.label_guardian1_name.setObjectName(u"label_guardian1_name")
        self.label_guardian1_name.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.guardian1Grid.addWidget(self.label_guardian1_name, 0, 0, 1, 1)

        self.guardian1NameEdit = QLineEdit(self.guardian1Box)
        self.guardian1NameEdit.setObjectName(u"guardian1NameEdit")
        self.guardian1NameEdit.setMaxLength(30)

        self.guardian1Grid.addWidget(self.guardian1NameEdit, 0, 1, 1, 1)

        self.err_guardian1_name = QLabel(self.guardian1Box)
        self.err_guardian1_name.setObjectName(u"err_guardian1_name")
        self.err_guardian1_name.setText(u"")
        self.err_guardian1_name.setWordWrap(True)

        self.guardian1Grid.addWidget(self.err_guardian1_name, 1, 1, 1, 1)

        self.label_guardian1_relation = QLabel(self.guardian1Box)
        self.label_guardian1_relation.setObjectName(u"label_guardian1_relation")
        self.label_guardian1_relation.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.guardian1Grid.addWidget(self.label_guardian1_relation, 2, 0, 1, 1)

        self.guardian1RelationCombo = QComboBox(self.guardian1Box)
        self.guardian1RelationCombo.setObjectName(u"guardian1RelationCombo")

        self.guardian1Grid.addWidget(self.guardian1RelationCombo, 2, 1, 1, 1)

        self.err_guardian1_relation = QLabel(self.guardian1Box)
        self.err_guardian1_relation.setObjectName(u"err_guardian1_relation")
        self.err_guardian1_relation.setText(u"")
        self.err_guardian1_relation.setWordWrap(True)

        self.guardian1Grid.addWidget(self.err_guardian1_relation, 3, 1, 1, 1)

        self.label_guardian1_phone = QLabel(self.guardian1Box)
        self.label_guardian1_phone.setObjectName(u"label_guardian1_phone")
        self.label_guardian1_phone.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.guardian1Grid.addWidget(self.label_guardian1_phone, 4, 0, 1, 1)

        self.guardian1PhoneEdit = QLineEdit(self.guardian1Box)
        self.guardian1PhoneEdit.setObjectName(u"guardian1PhoneEdit")
        self.guardian1PhoneEdit.setMaxLength(20)

        self.guardian1Grid.addWidget(self.guardian1PhoneEdit, 4, 1, 1, 1)

        self.err_guardian1_phone = QLabel(self.guardian1Box)
        self.err_guardian1_phone.setObjectName(u"err_guardian1_phone")
        self.err_guardian1_phone.setText(u"")
        self.err_guardian1_phone.setWordWrap(True)

        self.guardian1Grid.addWidget(self.err_guardian1_phone, 5, 1, 1, 1)

        self.label_guardian1_workplace = QLabel(self.guardian1Box)
        self.label_guardian1_workplace.setObjectName(u"label_guardian1_workplace")
        self.label_guardian1_workplace.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.guardian1Grid.addWidget(self.label_guardian1_workplace, 6, 0, 1, 1)

        self.guardian1WorkplaceEdit = QLineEdit(self.guardian1Box)
        self.guardian1WorkplaceEdit.setObjectName(u"guardian1WorkplaceEdit")
        self.guardian1WorkplaceEdit.setMaxLength(100)

        self.guardian1Grid.addWidget(self.guardian1WorkplaceEdit, 6, 1, 1, 1)

        self.err_guardian1_workplace = QLabel(self.guardian1Box)
        self.err_guardian1_workplace.setObjectName(u"err_guardian1_workplace")
        self.err_guardian1_workplace.setText(u"")
        self.err_guardian1_workplace.setWordWrap(True)

        self.guardian1Grid.addWidget(self.err_guardian1_workplace, 7, 1, 1, 1)

        self.guardian1AwayCheck = QCheckBox(self.guardian1Box)
        self.guardian1AwayCheck.setObjectName(u"guardian1AwayCheck")

        self.guardian1Grid.addWidget(self.guardian1AwayCheck, 8, 1, 1, 1)

        self.guardian1Grid_bottom = QSpacerItem(20, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.guardian1Grid.addItem(self.guardian1Grid_bottom, 9, 0, 1, 1)

        self.guardian1Grid.setColumnStretch(1, 1)

        self.guardiansLayout.addWidget(self.guardian1Box)

        self.guardian2Box = QGroupBox(self.tabGuardians)
        self.guardian2Box.setObjectName(u"guardian2Box")
        self.guardian2Grid = QGridLayout(self.guardian2Box)
        self.guardian2Grid.setObjectName(u"guardian2Grid")
        self.guardian2Grid.setHorizontalSpacing(10)
        self.guardian2Grid.setVerticalSpacing(6)
        self.label_guardian2_name = QLabel(self.guardian2Box)
        self.label_guardian2_name.setObjectName(u"label_guardian2_name")
        self.label_guardian2_name.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.guardian2Grid.addWidget(self.label_guardian2_name, 0, 0, 1, 1)

        self.guardian2NameEdit = QLineEdit(self.guardian2Box)
        self.guardian2NameEdit.setObjectName(u"guardian2NameEdit")
        self.guardian2NameEdit.setMaxLength(30)

        self.guardian2Grid.addWidget(self.guardian2NameEdit, 0, 1, 1, 1)

        self.err_guardian2_name = QLabel(self.guardian2Box)
        self.err_guardian2_name.setObjectName(u"err_guardian2_name")
        self.err_guardian2_name.setText(u"")
        self.err_guardian2_name.setWordWrap(True)

        self.guardian2Grid.addWidget(self.err_guardian2_name, 1, 1, 1, 1)

        self.label_guardian2_relation = QLabel(self.guardian2Box)
        self.label_guardian2_relation.setObjectName(u"label_guardian2_relation")
        self.label_guardian2_relation.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.guardian2Grid.addWidget(self.label_guardian2_relation, 2, 0, 1, 1)

        self.guardian2RelationCombo = QComboBox(self.guardian2Box)
        self.guardian2RelationCombo.setObjectName(u"guardian2RelationCombo")

        self.guardian2Grid.addWidget(self.guardian2RelationCombo, 2, 1, 1, 1)

        self.err_guardian2_relation = QLabel(self.guardian2Box)
        self.err_guardian2_relation.setObjectName(u"err_guardian2_relation")
        self.err_guardian2_relation.setText(u"")
        self.err_guardian2_relation.setWordWrap(True)

        self.guardian2Grid.addWidget(self.err_guardian2_relation, 3, 1, 1, 1)

        self.label_guardian2_phone = QLabel(self.guardian2Box)
        self.label_guardian2_phone.setObjectName(u"label_guardian2_phone")
        self.label_guardian2_phone.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.guardian2Grid.addWidget(self.label_guardian2_phone, 4, 0, 1, 1)

        self.guardian2PhoneEdit = QLineEdit(self.guardian2Box)
        self.guardian2PhoneEdit.setObjectName(u"guardian2PhoneEdit")
        self.guardian2PhoneEdit.setMaxLength(20)

        self.guardian2Grid.addWidget(self.guardian2PhoneEdit, 4, 1, 1, 1)

        self.err_guardian2_phone = QLabel(self.guardian2Box)
        self.err_guardian2_phone.setObjectName(u"err_guardian2_phone")
        self.err_guardian2_phone.setText(u"")
        self.err_guardian2_phone.setWordWrap(True)

        self.guardian2Grid.addWidget(self.err_guardian2_phone, 5, 1, 1, 1)

        self.label_guardian2_workplace = QLabel(self.guardian2Box)
        self.label_guardian2_workplace.setObjectName(u"label_guardian2_workplace")
        self.label_guardian2_workplace.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.guardian2Grid.addWidget(self.label_guardian2_workplace, 6, 0, 1, 1)

        self.guardian2WorkplaceEdit = QLineEdit(self.guardian2Box)
        self.guardian2WorkplaceEdit.setObjectName(u"guardian2WorkplaceEdit")
        self.guardian2WorkplaceEdit.setMaxLength(100)

        self.guardian2Grid.addWidget(self.guardian2WorkplaceEdit, 6, 1, 1, 1)

        self.err_guardian2_workplace = QLabel(self.guardian2Box)
        self.err_guardian2_workplace.setObjectName(u"err_guardian2_workplace")
        self.err_guardian2_workplace.setText(u"")
        self.err_guardian2_workplace.setWordWrap(True)

        self.guardian2Grid.addWidget(self.err_guardian2_workplace, 7, 1, 1, 1)

        self.guardian2AwayCheck = QCheckBox(self.guardian2Box)
        self.guardian2AwayCheck.setObjectName(u"guardian2AwayCheck")

        self.guardian2Grid.addWidget(self.guardian2AwayCheck, 8, 1, 1, 1)

        self.guardian2Grid_bottom = QSpacerItem(20, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.guardian2Grid.addItem(self.guardian2Grid_bottom, 9, 0, 1, 1)

        self.guardian2Grid.setColumnStretch(1, 1)

        self.guardiansLayout.addWidget(self.guardian2Box)

        self.tabs.addTab(self.tabGuardians, "")
        self.tabHistory = QWidget()
        self.tabHistory.setObjectName(u"tabHistory")
        self.historyLayout = QVBoxLayout(self.tabHistory)
        self.historyLayout.setObjectName(u"historyLayout")
        self.historyEmptyLabel = QLabel(self.tabHistory)
        self.historyEmptyLabel.setObjectName(u"historyEmptyLabel")

        self.historyLayout.addWidget(self.historyEmptyLabel)

        self.historyTable = QTableWidget(self.tabHistory)
        self.historyTable.setObjectName(u"historyTable")

        self.historyLayout.addWidget(self.historyTable)

        self.tabs.addTab(self.tabHistory, "")

        self.mainLayout.addWidget(self.tabs)

        self.bottomGrid = QGridLayout()
        self.bottomGrid.setObjectName(u"bottomGrid")
        self.reasonLabel = QLabel(StudentForm)
        self.reasonLabel.setObjectName(u"reasonLabel")
        self.reasonLabel.setAlignment(Qt.AlignRight|Qt.AlignVCenter)

        self.bottomGrid.addWidget(self.reasonLabel, 0, 0, 1, 1)

        self.reasonEdit = QLineEdit(StudentForm)
        self.reasonEdit.setObjectName(u"reasonEdit")
        self.reasonEdit.setMaxLength(200)

        self.bottomGrid.addWidget(self.reasonEdit, 0, 1, 1, 1)

        self.generalErrorLabel = QLabel(StudentForm)
        self.generalErrorLabel.setObjectName(u"generalErrorLabel")
        self.generalErrorLabel.setText(u"")
        self.generalErrorLabel.setWordWrap(True)

        self.bottomGrid.addWidget(self.generalErrorLabel, 1, 0, 1, 2)

        self.pendingLabel = QLabel(StudentForm)
        self.pendingLabel.setObjectName(u"pendingLabel")
        self.pendingLabel.setText(u"")
        self.pendingLabel.setWordWrap(True)

        self.bottomGrid.addWidget(self.pendingLabel, 2, 0, 1, 2)

        self.bottomGrid.setColumnStretch(1, 1)

        self.mainLayout.addLayout(self.bottomGrid)

        self.buttonBox = QDialogButtonBox(StudentForm)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.label_name.setBuddy(self.nameEdit)
        self.label_sex.setBuddy(self.sexCombo)
        self.label_id_type.setBuddy(self.idTypeCombo)
        self.label_id_number.setBuddy(self.idNumberEdit)
        self.label_birth_date.setBuddy(self.birthDateEdit)
        self.label_ethnicity_code.setBuddy(self.ethnicityCombo)
        self.label_student_no.setBuddy(self.studentNoEdit)
        self.label_school_id.setBuddy(self.schoolCombo)
        self.label_grade.setBuddy(self.gradeCombo)
        self.label_class_no.setBuddy(self.classSpin)
        self.label_enrolled_on.setBuddy(self.enrolledOnEdit)
        self.label_hukou_address.setBuddy(self.hukouAddressEdit)
        self.label_hukou_township_id.setBuddy(self.hukouTownshipCombo)
        self.label_hukou_nature.setBuddy(self.hukouNatureCombo)
        self.label_current_address.setBuddy(self.currentAddressEdit)
        self.label_note.setBuddy(self.noteEdit)
        self.label_left_behind.setBuddy(self.leftBehindCombo)
        self.label_guardian_teacher_id.setBuddy(self.guardianTeacherCombo)
        self.label_disability_type.setBuddy(self.disabilityTypeCombo)
        self.label_disability_arrangement.setBuddy(self.disabilityArrangementCombo)
        self.label_guardian1_name.setBuddy(self.guardian1NameEdit)
        self.label_guardian1_relation.setBuddy(self.guardian1RelationCombo)
        self.label_guardian1_phone.setBuddy(self.guardian1PhoneEdit)
        self.label_guardian1_workplace.setBuddy(self.guardian1WorkplaceEdit)
        self.label_guardian2_name.setBuddy(self.guardian2NameEdit)
        self.label_guardian2_relation.setBuddy(self.guardian2RelationCombo)
        self.label_guardian2_phone.setBuddy(self.guardian2PhoneEdit)
        self.label_guardian2_workplace.setBuddy(self.guardian2WorkplaceEdit)
        self.reasonLabel.setBuddy(self.reasonEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.tabs, self.nameEdit)
        QWidget.setTabOrder(self.nameEdit, self.sexCombo)
        QWidget.setTabOrder(self.sexCombo, self.idTypeCombo)
        QWidget.setTabOrder(self.idTypeCombo, self.idNumberEdit)
        QWidget.setTabOrder(self.idNumberEdit, self.birthDateEdit)
        QWidget.setTabOrder(self.birthDateEdit, self.ethnicityCombo)
        QWidget.setTabOrder(self.ethnicityCombo, self.studentNoEdit)
        QWidget.setTabOrder(self.studentNoEdit, self.schoolCombo)
        QWidget.setTabOrder(self.schoolCombo, self.gradeCombo)
        QWidget.setTabOrder(self.gradeCombo, self.classSpin)
        QWidget.setTabOrder(self.classSpin, self.enrolledOnEdit)
        QWidget.setTabOrder(self.enrolledOnEdit, self.boardingCheck)
        QWidget.setTabOrder(self.boardingCheck, self.hukouAddressEdit)
        QWidget.setTabOrder(self.hukouAddressEdit, self.hukouTownshipCombo)
        QWidget.setTabOrder(self.hukouTownshipCombo, self.hukouNatureCombo)
        QWidget.setTabOrder(self.hukouNatureCombo, self.currentAddressEdit)
        QWidget.setTabOrder(self.currentAddressEdit, self.noteEdit)
        QWidget.setTabOrder(self.noteEdit, self.leftBehindCombo)
        QWidget.setTabOrder(self.leftBehindCombo, self.guardianTeacherCombo)
        QWidget.setTabOrder(self.guardianTeacherCombo, self.migrantCheck)
        QWidget.setTabOrder(self.migrantCheck, self.povertyCheck)
        QWidget.setTabOrder(self.povertyCheck, self.lowIncomeCheck)
        QWidget.setTabOrder(self.lowIncomeCheck, self.orphanCheck)
        QWidget.setTabOrder(self.orphanCheck, self.disabilityTypeCombo)
        QWidget.setTabOrder(self.disabilityTypeCombo, self.disabilityArrangementCombo)
        QWidget.setTabOrder(self.disabilityArrangementCombo, self.guardian1NameEdit)
        QWidget.setTabOrder(self.guardian1NameEdit, self.guardian1RelationCombo)
        QWidget.setTabOrder(self.guardian1RelationCombo, self.guardian1PhoneEdit)
        QWidget.setTabOrder(self.guardian1PhoneEdit, self.guardian1WorkplaceEdit)
        QWidget.setTabOrder(self.guardian1WorkplaceEdit, self.guardian1AwayCheck)
        QWidget.setTabOrder(self.guardian1AwayCheck, self.guardian2NameEdit)
        QWidget.setTabOrder(self.guardian2NameEdit, self.guardian2RelationCombo)
        QWidget.setTabOrder(self.guardian2RelationCombo, self.guardian2PhoneEdit)
        QWidget.setTabOrder(self.guardian2PhoneEdit, self.guardian2WorkplaceEdit)
        QWidget.setTabOrder(self.guardian2WorkplaceEdit, self.guardian2AwayCheck)
        QWidget.setTabOrder(self.guardian2AwayCheck, self.historyTable)
        QWidget.setTabOrder(self.historyTable, self.reasonEdit)
        QWidget.setTabOrder(self.reasonEdit, self.buttonBox)

        self.retranslateUi(StudentForm)

        self.tabs.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(StudentForm)
    # setupUi

    def retranslateUi(self, StudentForm):
        StudentForm.setWindowTitle(QCoreApplication.translate("StudentForm", u"\u5b66\u751f\u4fe1\u606f", None))
        self.label_name.setText(QCoreApplication.translate("StudentForm", u"<span style=\"color:#c0392b\">*</span> \u59d3\u540d", None))
        self.label_sex.setText(QCoreApplication.translate("StudentForm", u"<span style=\"color:#c0392b\">*</span> \u6027\u522b", None))
        self.label_id_type.setText(QCoreApplication.translate("StudentForm", u"\u8bc1\u4ef6\u7c7b\u578b", None))
        self.label_id_number.setText(QCoreApplication.translate("StudentForm", u"<span style=\"color:#c0392b\">*</span> \u8eab\u4efd\u8bc1\u4ef6\u53f7", None))
        self.idNumberEdit.setPlaceholderText(QCoreApplication.translate("StudentForm", u"18\u4f4d\uff0c\u6700\u540e\u4e00\u4f4d\u53ef\u4ee5\u662fX", None))
        self.label_birth_date.setText(QCoreApplication.translate("StudentForm", u"<span style=\"color:#c0392b\">*</span> \u51fa\u751f\u65e5\u671f", None))
        self.label_ethnicity_code.setText(QCoreApplication.translate("StudentForm", u"\u6c11\u65cf", None))
        self.label_student_no.setText(QCoreApplication.translate("StudentForm", u"\u5b66\u7c4d\u53f7", None))
        self.studentNoEdit.setPlaceholderText(QCoreApplication.translate("StudentForm", u"G\u52a0\u8eab\u4efd\u8bc1\u4ef6\u53f7\uff0c\u53ef\u4e0d\u586b", None))
        self.label_school_id.setText(QCoreApplication.translate("StudentForm", u"<span style=\"color:#c0392b\">*</span> \u5b66\u6821", None))
        self.label_grade.setText(QCoreApplication.translate("StudentForm", u"<span style=\"color:#c0392b\">*</span> \u5e74\u7ea7", None))
        self.label_class_no.setText(QCoreApplication.translate("StudentForm", u"\u73ed\u7ea7", None))
        self.label_enrolled_on.setText(QCoreApplication.translate("StudentForm", u"\u5165\u5b66\u65e5\u671f", None))
        self.boardingCheck.setText(QCoreApplication.translate("StudentForm", u"\u5bc4\u5bbf\u751f", None))
        self.tabs.setTabText(self.tabs.indexOf(self.tabBasic), QCoreApplication.translate("StudentForm", u"\u57fa\u672c\u4fe1\u606f", None))
        self.label_hukou_address.setText(QCoreApplication.translate("StudentForm", u"\u6237\u7c4d\u5730\u5740", None))
        self.hukouAddressEdit.setPlaceholderText(QCoreApplication.translate("StudentForm", u"\u7701\u3001\u5e02\u3001\u4e61\u9547\u3001\u6751\uff08\u793e\u533a\uff09\u3001\u95e8\u724c\u53f7", None))
        self.label_hukou_township_id.setText(QCoreApplication.translate("StudentForm", u"\u6237\u7c4d\u6240\u5728\u4e61\u9547", None))
        self.label_hukou_nature.setText(QCoreApplication.translate("StudentForm", u"\u6237\u53e3\u6027\u8d28", None))
        self.label_current_address.setText(QCoreApplication.translate("StudentForm", u"\u73b0\u4f4f\u5740", None))
        self.currentAddressEdit.setPlaceholderText(QCoreApplication.translate("StudentForm", u"\u4e0e\u6237\u7c4d\u5730\u5740\u76f8\u540c\u53ef\u4e0d\u586b", None))
        self.label_note.setText(QCoreApplication.translate("StudentForm", u"\u5907\u6ce8", None))
        self.tabs.setTabText(self.tabs.indexOf(self.tabAddress), QCoreApplication.translate("StudentForm", u"\u6237\u7c4d\u4e0e\u4f4f\u5740", None))
        self.label_left_behind.setText(QCoreApplication.translate("StudentForm", u"\u7559\u5b88\u60c5\u51b5", None))
        self.label_guardian_teacher_id.setText(QCoreApplication.translate("StudentForm", u"\u4eb2\u60c5\u76d1\u62a4\u4eba", None))
#if QT_CONFIG(tooltip)
        self.guardianTeacherCombo.setToolTip(QCoreApplication.translate("StudentForm", u"\u4e3a\u7559\u5b88\u513f\u7ae5\u6307\u5b9a\u7684\u672c\u6821\u6559\u5e08", None))
#endif // QT_CONFIG(tooltip)
        self.migrantCheck.setText(QCoreApplication.translate("StudentForm", u"\u968f\u8fc1\u5b50\u5973", None))
        self.povertyCheck.setText(QCoreApplication.translate("StudentForm", u"\u8131\u8d2b\u6237/\u5efa\u6863\u7acb\u5361", None))
        self.lowIncomeCheck.setText(QCoreApplication.translate("StudentForm", u"\u4f4e\u4fdd\u5bb6\u5ead", None))
        self.orphanCheck.setText(QCoreApplication.translate("StudentForm", u"\u5b64\u513f", None))
        self.label_disability_type.setText(QCoreApplication.translate("StudentForm", u"\u6b8b\u75be\u7c7b\u578b", None))
        self.label_disability_arrangement.setText(QCoreApplication.translate("StudentForm", u"\u5b89\u7f6e\u65b9\u5f0f", None))
        self.tabs.setTabText(self.tabs.indexOf(self.tabSpecial), QCoreApplication.translate("StudentForm", u"\u7279\u6b8a\u7fa4\u4f53", None))
        self.guardian1Box.setTitle(QCoreApplication.translate("StudentForm", u"\u76d1\u62a4\u4eba\u4e00", None))
        self.label_guardian1_name.setText(QCoreApplication.translate("StudentForm", u"\u59d3\u540d", None))
        self.label_guardian1_relation.setText(QCoreApplication.translate("StudentForm", u"\u5173\u7cfb", None))
        self.label_guardian1_phone.setText(QCoreApplication.translate("StudentForm", u"\u7535\u8bdd", None))
        self.guardian1PhoneEdit.setPlaceholderText(QCoreApplication.translate("StudentForm", u"\u624b\u673a\u53f7\u6216\u5e26\u533a\u53f7\u7684\u56fa\u5b9a\u7535\u8bdd", None))
        self.label_guardian1_workplace.setText(QCoreApplication.translate("StudentForm", u"\u5de5\u4f5c\u5355\u4f4d", None))
        self.guardian1AwayCheck.setText(QCoreApplication.translate("StudentForm", u"\u5916\u51fa\u52a1\u5de5", None))
        self.guardian2Box.setTitle(QCoreApplication.translate("StudentForm", u"\u76d1\u62a4\u4eba\u4e8c", None))
        self.label_guardian2_name.setText(QCoreApplication.translate("StudentForm", u"\u59d3\u540d", None))
        self.label_guardian2_relation.setText(QCoreApplication.translate("StudentForm", u"\u5173\u7cfb", None))
        self.label_guardian2_phone.setText(QCoreApplication.translate("StudentForm", u"\u7535\u8bdd", None))
        self.guardian2PhoneEdit.setPlaceholderText(QCoreApplication.translate("StudentForm", u"\u624b\u673a\u53f7\u6216\u5e26\u533a\u53f7\u7684\u56fa\u5b9a\u7535\u8bdd", None))
        self.label_guardian2_workplace.setText(QCoreApplication.translate("StudentForm", u"\u5de5\u4f5c\u5355\u4f4d", None))
        self.guardian2AwayCheck.setText(QCoreApplication.translate("StudentForm", u"\u5916\u51fa\u52a1\u5de5", None))
        self.tabs.setTabText(self.tabs.indexOf(self.tabGuardians), QCoreApplication.translate("StudentForm", u"\u76d1\u62a4\u4eba", None))
        self.historyEmptyLabel.setText(QCoreApplication.translate("StudentForm", u"\u8fd8\u6ca1\u6709\u8bb0\u5f55\u3002", None))
        self.tabs.setTabText(self.tabs.indexOf(self.tabHistory), QCoreApplication.translate("StudentForm", u"\u5386\u53f2", None))
        self.reasonLabel.setText(QCoreApplication.translate("StudentForm", u"\u4fee\u6539\u539f\u56e0", None))
        self.reasonEdit.setPlaceholderText(QCoreApplication.translate("StudentForm", u"\u53ef\u4e0d\u586b\uff0c\u4f8b\u5982\uff1a\u5bb6\u957f\u63d0\u4f9b\u4e86\u65b0\u7684\u6237\u53e3\u672c", None))
    # retranslateUi

