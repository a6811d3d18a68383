<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>关于%1</source>
        <translation>About %1</translation>
    </message>
    <message>
        <source>版本 %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>乡镇、学校控辍保学工作的学生学籍、适龄儿童登记与跟踪软件。数据保存在本机，不需要联网。</source>
        <translation>Student and school-age children registers and follow-up for township and school dropout-prevention work. The data stays on this computer; no network is needed.</translation>
    </message>
    <message>
        <source>程序信息</source>
        <translation>Program</translation>
    </message>
    <message>
        <source>许可证</source>
        <translation>Licences</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>打包版</source>
        <translation>packaged build</translation>
    </message>
    <message>
        <source>源代码运行</source>
        <translation>running from source</translation>
    </message>
    <message>
        <source>版本：</source>
        <translation>Version:</translation>
    </message>
    <message>
        <source>运行环境：</source>
        <translation>Runs on:</translation>
    </message>
    <message>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>在文件管理器中打开数据文件夹（数据库、备份、日志都在这里）</source>
        <translation>Open the data folder in the file manager (database, backups and logs are there)</translation>
    </message>
    <message>
        <source>数据文件夹：</source>
        <translation>Data folder:</translation>
    </message>
    <message>
        <source>日志文件夹：</source>
        <translation>Log folder:</translation>
    </message>
    <message>
        <source>程序标识：</source>
        <translation>Program ID:</translation>
    </message>
    <message>
        <source>其他程序库（%1 个）</source>
        <translation>Other libraries (%1)</translation>
    </message>
    <message>
        <source>程序库</source>
        <translation>Library</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>（未注明）</source>
        <translation>(not stated)</translation>
    </message>
</context>
<context>
    <name>AbsenceDialog</name>
    <message>
        <source>登记缺课</source>
        <translation>Record absence</translation>
    </message>
    <message>
        <source>输入姓名、拼音首字母或身份证件号</source>
        <translation>Name, pinyin initials or ID number</translation>
    </message>
    <message>
        <source>学生</source>
        <translation>Pupil</translation>
    </message>
    <message>
        <source>第一天没来上学的日期</source>
        <translation>The first day the pupil did not come to school</translation>
    </message>
    <message>
        <source>缺课开始日期</source>
        <translation>Absent since</translation>
    </message>
    <message>
        <source>已经返校</source>
        <translation>Back at school</translation>
    </message>
    <message>
        <source>例如：未请假，电话联系不上家长</source>
        <translation>e.g. no leave asked, parents cannot be reached by phone</translation>
    </message>
    <message>
        <source>情况说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>保存后接着登记家访（例如已经打过电话）</source>
        <translation>Record a home visit after saving (e.g. a phone call was made)</translation>
    </message>
    <message>
        <source>登记后，系统按“三访一报告”提醒班主任、校长和乡镇按时走访。</source>
        <translation>Once recorded, the system reminds the class teacher, the principal and the township to visit on time (three visits and a report).</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>%1年级%2班</source>
        <translation>Grade %1, class %2</translation>
    </message>
    <message>
        <source>%1&#x3000;%2&#x3000;%3&#x3000;学籍状态：%4</source>
        <translation>%1   %2   %3   Record status: %4</translation>
    </message>
    <message>
        <source>请先查找并选择学生。</source>
        <translation>Please search for and select a pupil first.</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>新建账户</source>
        <translation>New account</translation>
    </message>
    <message>
        <source>修改账户</source>
        <translation>Edit account</translation>
    </message>
    <message>
        <source>不勾选任何班级 = 可以看全校学生</source>
        <translation>No class ticked = sees all pupils of the school</translation>
    </message>
    <message>
        <source>至少 6 个字符</source>
        <translation>At least 6 characters</translation>
    </message>
    <message>
        <source>首次登录时要求本人修改密码</source>
        <translation>Ask the user to change the password at first login</translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>姓名：</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <source>角色：</source>
        <translation>Role:</translation>
    </message>
    <message>
        <source>所属乡镇：</source>
        <translation>Township:</translation>
    </message>
    <message>
        <source>学校：</source>
        <translation>School:</translation>
    </message>
    <message>
        <source>所带班级：</source>
        <translation>Classes taught:</translation>
    </message>
    <message>
        <source>初始密码：</source>
        <translation>Initial password:</translation>
    </message>
    <message>
        <source>再输一次：</source>
        <translation>Repeat password:</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>%1年级%2班</source>
        <translation>Grade %1, class %2</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords do not match</translation>
    </message>
</context>
<context>
    <name>AccountTableModel</name>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>最近登录</source>
        <translation>Last login</translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <source>&lt;h3&gt;账户管理&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Accounts&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>每个人用自己的账户登录，所有修改都记录在审计日志中。角色决定能做什么，范围决定能看到哪些学生。</source>
        <translation>Everyone logs in with their own account, and every change is recorded in the audit log. The role decides what a person can do, the scope which pupils they can see.</translation>
    </message>
    <message>
        <source>新建账户…</source>
        <translation>New account...</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit...</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>重置密码…</source>
        <translation>Reset password...</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>不自动锁定</source>
        <translation>Never lock</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>本机设置</source>
        <translation>This computer</translation>
    </message>
    <message>
        <source>无人操作多久后锁定窗口：</source>
        <translation>Lock the window after this long without use:</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <source>停用账户</source>
        <translation>Disable account</translation>
    </message>
    <message>
        <source>停用后“%1”将不能再登录，以前的记录都会保留。确定停用吗？</source>
        <translation>Once disabled, &quot;%1&quot; can no longer log in; earlier records are kept. Disable this account?</translation>
    </message>
    <message>
        <source>密码已重置</source>
        <translation>Password reset</translation>
    </message>
    <message>
        <source>请把临时密码告诉“%1”。对方登录后需要设置新密码。</source>
        <translation>Please give the temporary password to &quot;%1&quot;. They will have to set a new password after logging in.</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&#x3000;%2&#x3000;个案 %3&#x3000;状态：%4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;   %2   Case %3   Status: %4</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>AdminForm</name>
    <message>
        <source>登录时用的名字，例如 admin 或 王芳</source>
        <translation>The name used to log in, e.g. admin or wangfang</translation>
    </message>
    <message>
        <source>真实姓名，显示在标题栏和审计日志里</source>
        <translation>Real name, shown in the title bar and the audit log</translation>
    </message>
    <message>
        <source>至少 6 个字符</source>
        <translation>At least 6 characters</translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>姓名：</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>再输一次：</source>
        <translation>Repeat password:</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>第二步：设置管理员</source>
        <translation>Step 2: the administrator</translation>
    </message>
    <message>
        <source>管理员可以为其他老师和工作人员创建账户、备份和恢复数据。请记住这个密码，忘记后只能由另一位管理员重置。</source>
        <translation>The administrator can create accounts for other teachers and staff and can back up and restore the data. Remember this password: if it is forgotten, only another administrator can reset it.</translation>
    </message>
</context>
<context>
    <name>AnswerDialog</name>
    <message>
        <source>%1（%2）：%3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <source>转介</source>
        <translation>Referral</translation>
    </message>
    <message>
        <source>答复日期</source>
        <translation>Answered on</translation>
    </message>
    <message>
        <source>答复内容</source>
        <translation>Answer</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>无法恢复</source>
        <translation>Cannot restore</translation>
    </message>
    <message>
        <source>从备份恢复时出错：%1
数据库没有被改动。</source>
        <translation>Restoring from the backup failed: %1
The database was not changed.</translation>
    </message>
    <message>
        <source>已恢复</source>
        <translation>Restored</translation>
    </message>
    <message>
        <source>已从备份恢复。账户也回到了备份时的样子，请重新登录。</source>
        <translation>Restored from the backup. Accounts are also as they were in the backup; please log in again.</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>&lt;h3&gt;审计日志&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Audit log&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>每一次新建、修改、删除都记录在这里：谁、什么时候、改了什么、原因。记录首尾相连，无法悄悄改动。</source>
        <translation>Every addition, change and deletion is recorded here: who, when, what changed and why. The entries are chained together, so they cannot be altered unnoticed.</translation>
    </message>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>到</source>
        <translation>to</translation>
    </message>
    <message>
        <source>查找内容、原因或记录编号</source>
        <translation>Search text, reason or record id</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export to Excel...</translation>
    </message>
    <message>
        <source>校验审计日志</source>
        <translation>Verify audit log</translation>
    </message>
    <message>
        <source>用户：</source>
        <translation>User:</translation>
    </message>
    <message>
        <source>对象：</source>
        <translation>Record:</translation>
    </message>
    <message>
        <source>操作：</source>
        <translation>Action:</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 条记录</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>已导出 %n 条记录到：
%1</source>
        <translation>
            <numerusform>Exported %n entry to:
%1</numerusform>
            <numerusform>Exported %n entries to:
%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>✔ 审计日志完整，没有被改动（共 %n 条记录）。</source>
        <translation>
            <numerusform>✔ The audit log is complete and unaltered (%n entry).</numerusform>
            <numerusform>✔ The audit log is complete and unaltered (%n entries).</numerusform>
        </translation>
    </message>
    <message>
        <source>审计日志-%1.xlsx</source>
        <translation>audit-log-%1.xlsx</translation>
    </message>
    <message>
        <source>导出审计日志</source>
        <translation>Export audit log</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>正在导出……</source>
        <translation>Exporting...</translation>
    </message>
    <message>
        <source>导出完成</source>
        <translation>Export finished</translation>
    </message>
    <message>
        <source>正在逐条校验……</source>
        <translation>Checking every entry...</translation>
    </message>
    <message>
        <source>✘ 发现篡改：%1</source>
        <translation>✘ Tampering found: %1</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>原值</source>
        <translation>Old value</translation>
    </message>
    <message>
        <source>新值</source>
        <translation>New value</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>站点</source>
        <translation>Site</translation>
    </message>
</context>
<context>
    <name>AutoBackup</name>
    <message>
        <source>已自动备份：%1</source>
        <translation>Automatic backup made: %1</translation>
    </message>
    <message>
        <source>自动备份失败：%1</source>
        <translation>Automatic backup failed: %1</translation>
    </message>
    <message>
        <source>正在备份</source>
        <translation>Backing up</translation>
    </message>
    <message>
        <source>退出前正在备份数据，请稍候……</source>
        <translation>Backing up the data before exiting, please wait...</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <source>程序每天和每次退出时自动备份（保留最近 7 天每天一份、最近 4 周每周一份）。建议把备份文件夹设在 U 盘上，电脑坏了或丢了数据也不会丢。</source>
        <translation>The program backs up automatically every day and on every exit (one a day for the last 7 days, one a week for the last 4 weeks). Put the backup folder on a USB stick so that the data survives if the computer breaks or is lost.</translation>
    </message>
    <message>
        <source>更改文件夹…</source>
        <translation>Change folder...</translation>
    </message>
    <message>
        <source>备份文件夹：</source>
        <translation>Backup folder:</translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>用选中的备份恢复…</source>
        <translation>Restore the selected backup...</translation>
    </message>
    <message>
        <source>从其他文件恢复…</source>
        <translation>Restore from another file...</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>已有的备份（最新的在上面）：</source>
        <translation>Backups (newest first):</translation>
    </message>
    <message numerus="yes">
        <source>%1  %2备份  学生 %n 人  %3 MB</source>
        <translation>
            <numerusform>%1  %2 backup  %n pupil  %3 MB</numerusform>
            <numerusform>%1  %2 backup  %n pupils  %3 MB</numerusform>
        </translation>
    </message>
    <message>
        <source>选择备份文件夹（例如 U 盘）</source>
        <translation>Choose the backup folder (e.g. a USB stick)</translation>
    </message>
    <message>
        <source>选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <source>备份文件 (*.sqlite);;所有文件 (*)</source>
        <translation>Backup files (*.sqlite);;All files (*)</translation>
    </message>
    <message>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>正在备份……</source>
        <translation>Backing up...</translation>
    </message>
    <message>
        <source>已备份到：%1</source>
        <translation>Backed up to: %1</translation>
    </message>
    <message>
        <source>检查备份</source>
        <translation>Check backup</translation>
    </message>
    <message>
        <source>正在检查备份文件……</source>
        <translation>Checking the backup file...</translation>
    </message>
    <message>
        <source>不能用这个文件恢复</source>
        <translation>This file cannot be used to restore</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>正在检查备份并恢复，请稍候……</source>
        <translation>Checking the backup and restoring, please wait...</translation>
    </message>
    <message>
        <source>查找备份</source>
        <translation>Looking for backups</translation>
    </message>
    <message>
        <source>正在查找完好的备份……</source>
        <translation>Looking for an intact backup...</translation>
    </message>
    <message>
        <source>正在恢复，请稍候……</source>
        <translation>Restoring, please wait...</translation>
    </message>
    <message>
        <source>已恢复</source>
        <translation>Restored</translation>
    </message>
    <message>
        <source>已从备份恢复，请重新登录。</source>
        <translation>Restored from the backup; please log in again.</translation>
    </message>
</context>
<context>
    <name>CaseActions</name>
    <message>
        <source>登记返校</source>
        <translation>Record return to school</translation>
    </message>
    <message>
        <source>报送情况报告</source>
        <translation>Send the written report</translation>
    </message>
    <message>
        <source>确认已报送</source>
        <translation>Confirm sent</translation>
    </message>
    <message>
        <source>限期返校通知书</source>
        <translation>Notice to return to school</translation>
    </message>
    <message>
        <source>发出并打印</source>
        <translation>Issue and print</translation>
    </message>
    <message>
        <source>转介相关部门</source>
        <translation>Refer to a department</translation>
    </message>
    <message>
        <source>登记转介</source>
        <translation>Record referral</translation>
    </message>
    <message>
        <source>登记部门答复</source>
        <translation>Record the department&apos;s answer</translation>
    </message>
    <message>
        <source>保存答复</source>
        <translation>Save answer</translation>
    </message>
    <message>
        <source>认定辍学</source>
        <translation>Confirm dropout</translation>
    </message>
    <message>
        <source>销号</source>
        <translation>Close case</translation>
    </message>
    <message>
        <source>重新开启个案</source>
        <translation>Reopen case</translation>
    </message>
    <message>
        <source>重新开启</source>
        <translation>Reopen</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>学校包保</source>
        <translation>School side</translation>
    </message>
    <message>
        <source>校长</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>班主任</source>
        <translation>Class teacher</translation>
    </message>
    <message>
        <source>政府包保</source>
        <translation>Government side</translation>
    </message>
    <message>
        <source>乡镇干部</source>
        <translation>Township official</translation>
    </message>
    <message>
        <source>村（居）干部</source>
        <translation>Village (community) official</translation>
    </message>
    <message>
        <source>包保责任人</source>
        <translation>Responsible persons</translation>
    </message>
    <message>
        <source>其他包保人员（名单中没有的），如：驻村第一书记 王某</source>
        <translation>Other responsible persons (not in the list), e.g. resident village first secretary Wang</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Others</translation>
    </message>
    <message>
        <source>保存责任人</source>
        <translation>Save responsible persons</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>详细情况</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>登记人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <source>&lt;b&gt;个案记录&lt;/b&gt;（缺课、走访、报告、通知书、转介，按时间先后）</source>
        <translation>&lt;b&gt;Case record&lt;/b&gt; (absences, visits, reports, notices and referrals, oldest first)</translation>
    </message>
    <message>
        <source>登记家访…</source>
        <translation>Record home visit...</translation>
    </message>
    <message>
        <source>登记一次走访（Ctrl+J）</source>
        <translation>Record a visit (Ctrl+J)</translation>
    </message>
    <message>
        <source>登记返校…</source>
        <translation>Record return...</translation>
    </message>
    <message>
        <source>学生已回校上课</source>
        <translation>The pupil is back in class</translation>
    </message>
    <message>
        <source>生成情况报告表</source>
        <translation>Make the report form</translation>
    </message>
    <message>
        <source>由个案记录生成《辍学学生情况报告表》（PDF，可打印）</source>
        <translation>Make the dropout report form from the case record (PDF, printable)</translation>
    </message>
    <message>
        <source>报送情况报告…</source>
        <translation>Send report...</translation>
    </message>
    <message>
        <source>登记书面报告已报送乡镇政府和教育局</source>
        <translation>Record that the written report went to the township government and the education bureau</translation>
    </message>
    <message>
        <source>打印限期返校通知书…</source>
        <translation>Print return notice...</translation>
    </message>
    <message>
        <source>由乡镇人民政府向监护人发出限期返校通知书</source>
        <translation>The township government&apos;s notice to the guardians to bring the child back to school by a deadline</translation>
    </message>
    <message>
        <source>重印通知书</source>
        <translation>Reprint notice</translation>
    </message>
    <message>
        <source>再次打印最近一份通知书</source>
        <translation>Print the latest notice again</translation>
    </message>
    <message>
        <source>转介…</source>
        <translation>Refer...</translation>
    </message>
    <message>
        <source>转交乡镇教育执法组或公安、人社、民政等部门（依法控辍）</source>
        <translation>Hand over to the township&apos;s education law-enforcement team or to the police, human resources, civil affairs or other departments (enforcement by law)</translation>
    </message>
    <message>
        <source>部门答复…</source>
        <translation>Department answer...</translation>
    </message>
    <message>
        <source>登记转介部门的答复</source>
        <translation>Record the answer of the department referred to</translation>
    </message>
    <message>
        <source>认定辍学…</source>
        <translation>Confirm dropout...</translation>
    </message>
    <message>
        <source>劝返无效：认定辍学并办理学籍异动</source>
        <translation>Persuasion failed: confirm the dropout and record the status change</translation>
    </message>
    <message>
        <source>销号…</source>
        <translation>Close case...</translation>
    </message>
    <message>
        <source>结束个案（已复学、转学、送教上门、缓学等）</source>
        <translation>End the case (back at school, transferred, home schooling, deferral...)</translation>
    </message>
    <message>
        <source>重新开启…</source>
        <translation>Reopen...</translation>
    </message>
    <message>
        <source>学生再次缺课：重新开启已销号的个案</source>
        <translation>The pupil is absent again: reopen the closed case</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>控辍个案：%1</source>
        <translation>Dropout case: %1</translation>
    </message>
    <message>
        <source>个案编号：%1</source>
        <translation>Case no.: %1</translation>
    </message>
    <message>
        <source>%1年级%2班</source>
        <translation>Grade %1, class %2</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>缺课开始 %1</source>
        <translation>Absent since %1</translation>
    </message>
    <message numerus="yes">
        <source>累计缺课 %n 个上学日</source>
        <translation>
            <numerusform>%n school day absent in all</numerusform>
            <numerusform>%n school days absent in all</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>已走访 %n 次</source>
        <translation>
            <numerusform>Visited %n time</numerusform>
            <numerusform>Visited %n times</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;span style=&apos;color:#c0392b&apos;&gt;&lt;b&gt;%1&lt;/b&gt;（%2，已逾期 %n 天）&lt;/span&gt;</source>
        <translation>
            <numerusform>&lt;span style=&apos;color:#c0392b&apos;&gt;&lt;b&gt;%1&lt;/b&gt; (%2, %n day overdue)&lt;/span&gt;</numerusform>
            <numerusform>&lt;span style=&apos;color:#c0392b&apos;&gt;&lt;b&gt;%1&lt;/b&gt; (%2, %n days overdue)&lt;/span&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>主要原因：%1</source>
        <translation>Main reason: %1</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>监护人：%1</source>
        <translation>Guardians: %1</translation>
    </message>
    <message>
        <source>已于 %1 销号，结果：%2</source>
        <translation>Closed on %1, outcome: %2</translation>
    </message>
    <message>
        <source>没有待办事项。</source>
        <translation>Nothing to do.</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b9770e&apos;&gt;&lt;b&gt;%1&lt;/b&gt;（今天到期）&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b9770e&apos;&gt;&lt;b&gt;%1&lt;/b&gt; (due today)&lt;/span&gt;</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>应办：</source>
        <translation>To do: </translation>
    </message>
    <message>
        <source>（未指定）</source>
        <translation>(not assigned)</translation>
    </message>
    <message>
        <source>还没有走访记录，不能生成情况报告</source>
        <translation>No visits recorded yet, so the report cannot be made</translation>
    </message>
    <message>
        <source>辍学学生情况报告表_%1_%2.pdf</source>
        <translation>dropout-report_%1_%2.pdf</translation>
    </message>
    <message>
        <source>辍学学生情况报告表</source>
        <translation>Dropout report form</translation>
    </message>
    <message>
        <source>限期返校通知书_%1.pdf</source>
        <translation>return-notice_%1.pdf</translation>
    </message>
    <message>
        <source>限期返校通知书</source>
        <translation>Notice to return to school</translation>
    </message>
</context>
<context>
    <name>CasePdf</name>
    <message>
        <source>正在生成，请稍候……</source>
        <translation>Generating, please wait...</translation>
    </message>
</context>
<context>
    <name>CaseSettingsDialog</name>
    <message>
        <source>周一</source>
        <translation>Mon</translation>
    </message>
    <message>
        <source>周二</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>周三</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>周四</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>周五</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>周六</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>周日</source>
        <translation>Sun</translation>
    </message>
    <message>
        <source>控辍保学设置：预警规则与校历</source>
        <translation>Dropout prevention settings: warning rules and school calendar</translation>
    </message>
    <message>
        <source>预警规则</source>
        <translation>Warning rules</translation>
    </message>
    <message>
        <source>校历</source>
        <translation>School calendar</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>只有管理员可以修改这些设置。</source>
        <translation>Only an administrator can change these settings.</translation>
    </message>
    <message>
        <source>上学日按校历计算（不含周末、节假日，含调休上课日）。修改后，所有未结个案的到期日会重新计算。</source>
        <translation>School days follow the school calendar (weekends and holidays excluded, make-up school days included). After a change, the due dates of all open cases are worked out again.</translation>
    </message>
    <message>
        <source>恢复默认值</source>
        <translation>Restore defaults</translation>
    </message>
    <message>
        <source>保存规则</source>
        <translation>Save rules</translation>
    </message>
    <message>
        <source>学年</source>
        <translation>School year</translation>
    </message>
    <message>
        <source>全部学校（通用校历）</source>
        <translation>All schools (common calendar)</translation>
    </message>
    <message>
        <source>适用于</source>
        <translation>Applies to</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>第一学期</source>
        <translation>First term</translation>
    </message>
    <message>
        <source>第二学期</source>
        <translation>Second term</translation>
    </message>
    <message>
        <source>每周休息日</source>
        <translation>Weekly days off</translation>
    </message>
    <message>
        <source>节假日（不上课）和调休上课日：</source>
        <translation>Holidays (no school) and make-up school days:</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>添加日期</source>
        <translation>Add date</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Delete selected</translation>
    </message>
    <message>
        <source>保存校历</source>
        <translation>Save calendar</translation>
    </message>
    <message>
        <source>尚未设置，下面是默认校历（秋季学期9月1日起，春季学期3月1日起，含固定节假日），请按实际修改后保存。</source>
        <translation>Not set yet. Below is the default calendar (autumn term from 1 September, spring term from 1 March, with the fixed holidays); adjust it to the real dates and save.</translation>
    </message>
    <message>
        <source>这所学校没有单独的校历，下面是通用校历；保存后成为这所学校自己的校历。</source>
        <translation>This school has no calendar of its own; below is the common calendar. Once saved, it becomes this school&apos;s own calendar.</translation>
    </message>
    <message>
        <source>已设置的校历。</source>
        <translation>The calendar as set.</translation>
    </message>
    <message numerus="yes">
        <source>本学年共 %n 个上学日</source>
        <translation>
            <numerusform>%n school day this school year</numerusform>
            <numerusform>%n school days this school year</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>管理员为您重置了密码。请设置一个只有您自己知道的新密码（至少 6 个字符）。</source>
        <translation>An administrator reset your password. Please set a new password that only you know (at least 6 characters).</translation>
    </message>
    <message>
        <source>请输入原密码和新密码（至少 6 个字符）。</source>
        <translation>Enter your current password and a new one (at least 6 characters).</translation>
    </message>
    <message>
        <source>当前密码：</source>
        <translation>Current password:</translation>
    </message>
    <message>
        <source>新密码：</source>
        <translation>New password:</translation>
    </message>
    <message>
        <source>再输一次：</source>
        <translation>Repeat new password:</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>两次输入的新密码不一致</source>
        <translation>The two new passwords do not match</translation>
    </message>
</context>
<context>
    <name>ChildDetailDialog</name>
    <message>
        <source>%1 至 %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>民族</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <source>身份证件号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <source>户籍村</source>
        <translation>Registered village</translation>
    </message>
    <message>
        <source>户籍地址</source>
        <translation>Registered address</translation>
    </message>
    <message>
        <source>现住址</source>
        <translation>Current address</translation>
    </message>
    <message>
        <source>就读情况</source>
        <translation>Schooling</translation>
    </message>
    <message>
        <source>外地就读学校</source>
        <translation>School elsewhere</translation>
    </message>
    <message>
        <source>审批单位</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <source>缓学/免学期限</source>
        <translation>Deferral/exemption period</translation>
    </message>
    <message>
        <source>关联学籍</source>
        <translation>Student record</translation>
    </message>
    <message>
        <source>监护人</source>
        <translation>Guardians</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>适龄儿童：%1</source>
        <translation>School-age child: %1</translation>
    </message>
    <message>
        <source>%1：</source>
        <translation>%1:</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ChildTableModel</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>身份证件号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>户籍村</source>
        <translation>Registered village</translation>
    </message>
    <message>
        <source>就读情况</source>
        <translation>Schooling</translation>
    </message>
    <message>
        <source>外地就读学校/审批</source>
        <translation>School elsewhere / approval</translation>
    </message>
    <message>
        <source>关联学籍</source>
        <translation>Student record</translation>
    </message>
    <message>
        <source>%1 至 %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <source>%1批准</source>
        <translation>Approved by %1</translation>
    </message>
</context>
<context>
    <name>ChildrenPage</name>
    <message>
        <source>适龄儿童台账</source>
        <translation>School-age children</translation>
    </message>
    <message>
        <source>查看详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>查看所选儿童的全部信息（也可以双击表格中的儿童）</source>
        <translation>Show everything about the selected child (or double-click the child in the table)</translation>
    </message>
    <message>
        <source>姓名、拼音首字母、全拼或身份证件号</source>
        <translation>Name, pinyin initials, full pinyin or ID number</translation>
    </message>
    <message>
        <source>输入后自动查找（Ctrl+F）</source>
        <translation>Searches as you type (Ctrl+F)</translation>
    </message>
    <message>
        <source>乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <source>就读情况</source>
        <translation>Schooling</translation>
    </message>
    <message>
        <source>全部乡镇</source>
        <translation>All townships</translation>
    </message>
    <message>
        <source>全部情况</source>
        <translation>All situations</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <source>请选择销号结果</source>
        <translation>Please choose the outcome</translation>
    </message>
    <message>
        <source>销号结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>销号日期</source>
        <translation>Closed on</translation>
    </message>
    <message>
        <source>返校日期</source>
        <translation>Back at school on</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>例如：转入学校名称、缓学批准文号</source>
        <translation>e.g. the new school&apos;s name, the deferral approval number</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <source>程序遇到一个意外错误，刚才的操作可能没有完成。请检查一下刚才的结果，可以继续使用。</source>
        <translation>The program met an unexpected error; what you just did may not have been completed. Please check its result; you can go on working.</translation>
    </message>
    <message>
        <source>详细信息已写入日志文件：
%1

如果问题反复出现，请把这个文件发给技术支持。</source>
        <translation>The details were written to the log file:
%1

If this keeps happening, please send that file to technical support.</translation>
    </message>
    <message>
        <source>打开日志文件夹</source>
        <translation>Open log folder</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>CreateAdminDialog</name>
    <message>
        <source>设置管理员</source>
        <translation>Set up the administrator</translation>
    </message>
    <message>
        <source>“%1”还没有任何账户。请先设置一位管理员，以后每个人都要用自己的账户登录。</source>
        <translation>&quot;%1&quot; has no accounts yet. Please set up an administrator first; from then on everyone logs in with their own account.</translation>
    </message>
    <message>
        <source>开始使用</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>CrosscheckPage</name>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>核查比对</source>
        <translation>Cross-check</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export to Excel...</translation>
    </message>
    <message>
        <source>把各名单（按当前筛选）导出为 Excel 表格，每个名单一个工作表</source>
        <translation>Export the lists (as filtered now) to an Excel workbook, one sheet per list</translation>
    </message>
    <message>
        <source>学年</source>
        <translation>School year</translation>
    </message>
    <message>
        <source>乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <source>开始核查</source>
        <translation>Run cross-check</translation>
    </message>
    <message>
        <source>在名单中查找：姓名、身份证件号、学校、村……</source>
        <translation>Search the lists: name, ID number, school, village...</translation>
    </message>
    <message>
        <source>选择学年后点“开始核查”：把适龄儿童登记（户籍儿童名单）与学籍逐人比对。</source>
        <translation>Choose a school year and click &quot;Run cross-check&quot; to compare the school-age children register (children by household registration) with the student records, person by person.</translation>
    </message>
    <message>
        <source>全部有登记的乡镇</source>
        <translation>All townships with a register</translation>
    </message>
    <message>
        <source>本乡镇</source>
        <translation>This township</translation>
    </message>
    <message>
        <source>正在核查……</source>
        <translation>Cross-checking...</translation>
    </message>
    <message>
        <source>已取消核查。</source>
        <translation>Cross-check cancelled.</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>（无登记）</source>
        <translation>(no register)</translation>
    </message>
    <message>
        <source>%1学年 · %2 · 核对适龄儿童登记 %3 人、学生 %4 人 · 入学年龄截止日期 %5月%6日 · 年级偏差允许 %7 个年级</source>
        <translation>School year %1 · %2 · %3 school-age children and %4 students checked · school-age cut-off date %6/%5 (day/month) · grade deviation allowed: %7</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>。</source>
        <translation>.</translation>
    </message>
    <message>
        <source>%1核查比对_%2.xlsx</source>
        <translation>%1 cross-check_%2.xlsx</translation>
    </message>
    <message>
        <source>导出核查结果</source>
        <translation>Export cross-check results</translation>
    </message>
    <message>
        <source>正在导出……</source>
        <translation>Exporting...</translation>
    </message>
    <message>
        <source>已取消导出，没有生成文件。</source>
        <translation>Export cancelled; no file was written.</translation>
    </message>
    <message>
        <source>无法写入文件：%1</source>
        <translation>Cannot write the file: %1</translation>
    </message>
    <message>
        <source>已导出到：%1</source>
        <translation>Exported to: %1</translation>
    </message>
</context>
<context>
    <name>DamagedDatabaseDialog</name>
    <message>
        <source>数据库需要修复</source>
        <translation>The database needs repair</translation>
    </message>
    <message>
        <source>&lt;b&gt;打开“%1”时发现问题：&lt;/b&gt;</source>
        <translation>&lt;b&gt;A problem was found when opening &quot;%1&quot;:&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;建议从最近的完好备份恢复：&lt;/b&gt;&lt;br&gt;</source>
        <translation>&lt;b&gt;We suggest restoring the latest intact backup:&lt;/b&gt;&lt;br&gt;</translation>
    </message>
    <message>
        <source>没有找到可用的备份。如果 U 盘上有备份，请选择那个文件。</source>
        <translation>No usable backup was found. If there is a backup on a USB stick, choose that file.</translation>
    </message>
    <message>
        <source>恢复时，出问题的数据库会另存一份，不会删除，可交给技术人员检查。</source>
        <translation>When restoring, the damaged database is kept as a copy, not deleted, so a technician can look at it.</translation>
    </message>
    <message>
        <source>从这个备份恢复</source>
        <translation>Restore this backup</translation>
    </message>
    <message>
        <source>选择其他备份…</source>
        <translation>Choose another backup...</translation>
    </message>
    <message>
        <source>暂时继续使用</source>
        <translation>Carry on for now</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <source>备份文件 (*.sqlite);;所有文件 (*)</source>
        <translation>Backup files (*.sqlite);;All files (*)</translation>
    </message>
    <message>
        <source>不能用这个文件恢复</source>
        <translation>This file cannot be used to restore</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>单击查看公式、输入数据和统计口径</source>
        <translation>Click to see the formula, its inputs and the definition used</translation>
    </message>
    <message>
        <source>近12个月新增辍学（按月）</source>
        <translation>New dropouts in the last 12 months (by month)</translation>
    </message>
    <message>
        <source>新增辍学（%1年%2月–%3年%4月，按月）</source>
        <translation>New dropouts (%2/%1 – %4/%3, by month)</translation>
    </message>
    <message>
        <source>%1月</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>人</source>
        <translation>Pupils</translation>
    </message>
    <message>
        <source>目标 %1%</source>
        <translation>Target %1%</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>数据看板</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>学年：</source>
        <translation>School year:</translation>
    </message>
    <message>
        <source>指标按所选学年计算；当前学年算到今天</source>
        <translation>Indicators are computed for the chosen school year; the current one up to today</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>重新读取数据（F5）</source>
        <translation>Read the data again (F5)</translation>
    </message>
    <message>
        <source>正在读取数据……</source>
        <translation>Reading the data...</translation>
    </message>
    <message>
        <source>正在计算：读取学籍和学籍异动……</source>
        <translation>Calculating: reading pupils and status changes…</translation>
    </message>
    <message>
        <source>正在计算：指标和图表……</source>
        <translation>Calculating: indicators and charts…</translation>
    </message>
    <message>
        <source>正在计算：各乡镇、学校的指标……</source>
        <translation>Calculating: indicators of each township and school…</translation>
    </message>
    <message>
        <source>数据截至 %1</source>
        <translation>Data as of %1</translation>
    </message>
    <message>
        <source>读取数据时出错，详细信息已写入日志文件。</source>
        <translation>Reading the data failed; the details were written to the log file.</translation>
    </message>
    <message>
        <source>近12个月没有新增辍学。</source>
        <translation>No new dropouts in the last 12 months.</translation>
    </message>
    <message>
        <source>各乡镇入学率（目标 100%）</source>
        <translation>Enrolment rate by township (target 100%)</translation>
    </message>
    <message>
        <source>入学率</source>
        <translation>Enrolment rate</translation>
    </message>
    <message>
        <source>特殊群体在籍学生</source>
        <translation>Enrolled pupils in special groups</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>Pupils</translation>
    </message>
    <message>
        <source>各%1已逾期的走访（个案数）</source>
        <translation>Overdue visits by %1 (cases)</translation>
    </message>
    <message>
        <source>个案</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>没有逾期的走访。</source>
        <translation>No overdue visits.</translation>
    </message>
</context>
<context>
    <name>DefinitionsDialog</name>
    <message>
        <source>指标统计口径</source>
        <translation>Indicator definitions</translation>
    </message>
    <message>
        <source>各地教育主管部门对指标的定义不完全相同。这里的选择用于本站点计算和显示的全部指标，每个指标都注明所用口径。</source>
        <translation>Education authorities do not all define the indicators the same way. The choices made here apply to every indicator this site computes and shows, and each indicator states the definition it uses.</translation>
    </message>
    <message>
        <source>口径</source>
        <translation>Definition</translation>
    </message>
    <message>
        <source>适龄儿童范围：</source>
        <translation>School-age children counted:</translation>
    </message>
    <message>
        <source>只有管理员可以修改统计口径。</source>
        <translation>Only an administrator can change the definitions.</translation>
    </message>
</context>
<context>
    <name>DomainLabels</name>
    <message>
        <source>在读</source>
        <translation>Enrolled</translation>
    </message>
    <message>
        <source>休学</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <source>转出</source>
        <translation>Transferred out</translation>
    </message>
    <message>
        <source>辍学</source>
        <translation>Dropped out</translation>
    </message>
    <message>
        <source>毕业</source>
        <translation>Graduated</translation>
    </message>
    <message>
        <source>死亡</source>
        <translation>Deceased</translation>
    </message>
    <message>
        <source>转入</source>
        <translation>Transferred in</translation>
    </message>
    <message>
        <source>复学</source>
        <translation>Returned to school</translation>
    </message>
    <message>
        <source>县内</source>
        <translation>Within the county</translation>
    </message>
    <message>
        <source>市内</source>
        <translation>Within the prefecture</translation>
    </message>
    <message>
        <source>省内</source>
        <translation>Within the province</translation>
    </message>
    <message>
        <source>跨省</source>
        <translation>Another province</translation>
    </message>
    <message>
        <source>请上传转入学校出具的接收证明（转学联系单）</source>
        <translation>Please upload the receiving school&apos;s acceptance certificate (transfer form)</translation>
    </message>
    <message>
        <source>请上传医院诊断证明或家长休学申请，以及学校审批表</source>
        <translation>Please upload a hospital diagnosis or the parents&apos; application for suspension, and the school&apos;s approval form</translation>
    </message>
    <message>
        <source>请上传“三访一报告”走访记录、限期返校通知书等劝返材料</source>
        <translation>Please upload the persuasion records: the &quot;three visits and a report&quot; visit records, return notices, etc.</translation>
    </message>
    <message>
        <source>请上传医学死亡证明或户口注销证明</source>
        <translation>Please upload the medical death certificate or the household registration cancellation</translation>
    </message>
    <message>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>一年级</source>
        <translation>Grade 1</translation>
    </message>
    <message>
        <source>二年级</source>
        <translation>Grade 2</translation>
    </message>
    <message>
        <source>三年级</source>
        <translation>Grade 3</translation>
    </message>
    <message>
        <source>四年级</source>
        <translation>Grade 4</translation>
    </message>
    <message>
        <source>五年级</source>
        <translation>Grade 5</translation>
    </message>
    <message>
        <source>六年级</source>
        <translation>Grade 6</translation>
    </message>
    <message>
        <source>七年级（初一）</source>
        <translation>Grade 7 (junior 1)</translation>
    </message>
    <message>
        <source>八年级（初二）</source>
        <translation>Grade 8 (junior 2)</translation>
    </message>
    <message>
        <source>九年级（初三）</source>
        <translation>Grade 9 (junior 3)</translation>
    </message>
    <message>
        <source>留守</source>
        <translation>Left-behind</translation>
    </message>
    <message>
        <source>随迁</source>
        <translation>Migrant</translation>
    </message>
    <message>
        <source>残疾</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>脱贫户/建档立卡</source>
        <translation>Poverty-alleviated / registered poor</translation>
    </message>
    <message>
        <source>低保</source>
        <translation>Minimum living allowance</translation>
    </message>
    <message>
        <source>孤儿</source>
        <translation>Orphan</translation>
    </message>
    <message>
        <source>寄宿</source>
        <translation>Boarder</translation>
    </message>
    <message>
        <source>本地在校</source>
        <translation>At school locally</translation>
    </message>
    <message>
        <source>外地就读</source>
        <translation>Studying elsewhere</translation>
    </message>
    <message>
        <source>随班就读</source>
        <translation>Inclusive class</translation>
    </message>
    <message>
        <source>特教学校</source>
        <translation>Special education school</translation>
    </message>
    <message>
        <source>送教上门</source>
        <translation>Home schooling</translation>
    </message>
    <message>
        <source>缓学</source>
        <translation>Deferred</translation>
    </message>
    <message>
        <source>免学</source>
        <translation>Exempted</translation>
    </message>
    <message>
        <source>未入学</source>
        <translation>Not enrolled</translation>
    </message>
    <message>
        <source>迁出</source>
        <translation>Moved away</translation>
    </message>
    <message>
        <source>居民身份证</source>
        <translation>Resident ID card</translation>
    </message>
    <message>
        <source>港澳台居民居住证</source>
        <translation>HK/Macao/Taiwan residence permit</translation>
    </message>
    <message>
        <source>护照</source>
        <translation>Passport</translation>
    </message>
    <message>
        <source>无证件</source>
        <translation>No ID document</translation>
    </message>
    <message>
        <source>农业户口</source>
        <translation>Agricultural hukou</translation>
    </message>
    <message>
        <source>非农业户口</source>
        <translation>Non-agricultural hukou</translation>
    </message>
    <message>
        <source>居民户口</source>
        <translation>Resident hukou</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>单亲外出</source>
        <translation>One parent away</translation>
    </message>
    <message>
        <source>双亲外出</source>
        <translation>Both parents away</translation>
    </message>
    <message>
        <source>视力</source>
        <translation>Visual</translation>
    </message>
    <message>
        <source>听力</source>
        <translation>Hearing</translation>
    </message>
    <message>
        <source>言语</source>
        <translation>Speech</translation>
    </message>
    <message>
        <source>肢体</source>
        <translation>Physical</translation>
    </message>
    <message>
        <source>智力</source>
        <translation>Intellectual</translation>
    </message>
    <message>
        <source>精神</source>
        <translation>Mental</translation>
    </message>
    <message>
        <source>多重</source>
        <translation>Multiple</translation>
    </message>
    <message>
        <source>父亲</source>
        <translation>Father</translation>
    </message>
    <message>
        <source>母亲</source>
        <translation>Mother</translation>
    </message>
    <message>
        <source>祖父</source>
        <translation>Paternal grandfather</translation>
    </message>
    <message>
        <source>祖母</source>
        <translation>Paternal grandmother</translation>
    </message>
    <message>
        <source>外祖父</source>
        <translation>Maternal grandfather</translation>
    </message>
    <message>
        <source>外祖母</source>
        <translation>Maternal grandmother</translation>
    </message>
    <message>
        <source>其他亲属</source>
        <translation>Other relative</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>教师</source>
        <translation>Teacher</translation>
    </message>
    <message>
        <source>班主任</source>
        <translation>Class teacher</translation>
    </message>
    <message>
        <source>校长</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>副校长</source>
        <translation>Vice-principal</translation>
    </message>
    <message>
        <source>乡镇干部</source>
        <translation>Township official</translation>
    </message>
    <message>
        <source>村干部</source>
        <translation>Village official</translation>
    </message>
    <message>
        <source>教育局</source>
        <translation>Education bureau</translation>
    </message>
    <message>
        <source>小学</source>
        <translation>Primary school</translation>
    </message>
    <message>
        <source>初中</source>
        <translation>Junior secondary school</translation>
    </message>
    <message>
        <source>九年一贯制</source>
        <translation>Nine-year school</translation>
    </message>
    <message>
        <source>学校</source>
        <translation>School</translation>
    </message>
    <message>
        <source>乡镇（街道）教育办</source>
        <translation>Township (subdistrict) education office</translation>
    </message>
    <message>
        <source>缺课</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>疑似辍学</source>
        <translation>Suspected dropout</translation>
    </message>
    <message>
        <source>劝返中</source>
        <translation>Persuading back</translation>
    </message>
    <message>
        <source>已返校</source>
        <translation>Back at school</translation>
    </message>
    <message>
        <source>已销号</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>一访</source>
        <translation>1st visit</translation>
    </message>
    <message>
        <source>二访</source>
        <translation>2nd visit</translation>
    </message>
    <message>
        <source>三访</source>
        <translation>3rd visit</translation>
    </message>
    <message>
        <source>跟进</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>班主任家访</source>
        <translation>Class teacher&apos;s home visit</translation>
    </message>
    <message>
        <source>校长/防辍小组家访</source>
        <translation>Principal / dropout-prevention team visit</translation>
    </message>
    <message>
        <source>联合村（居）委会家访</source>
        <translation>Joint visit with the village committee</translation>
    </message>
    <message>
        <source>跟进劝返</source>
        <translation>Follow-up persuasion</translation>
    </message>
    <message>
        <source>家访</source>
        <translation>Home visit</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone call</translation>
    </message>
    <message>
        <source>到务工地</source>
        <translation>Visit at the workplace</translation>
    </message>
    <message>
        <source>厌学/学习困难</source>
        <translation>Dislikes school / learning difficulties</translation>
    </message>
    <message>
        <source>家庭经济困难</source>
        <translation>Family financial hardship</translation>
    </message>
    <message>
        <source>上学远/交通不便</source>
        <translation>School too far / poor transport</translation>
    </message>
    <message>
        <source>因病</source>
        <translation>Illness</translation>
    </message>
    <message>
        <source>因残</source>
        <translation>Disability</translation>
    </message>
    <message>
        <source>外出务工/随父母外出</source>
        <translation>Working away / left with parents</translation>
    </message>
    <message>
        <source>早婚</source>
        <translation>Early marriage</translation>
    </message>
    <message>
        <source>监护缺失/家庭变故</source>
        <translation>No guardian care / family crisis</translation>
    </message>
    <message>
        <source>支持配合</source>
        <translation>Supportive</translation>
    </message>
    <message>
        <source>犹豫观望</source>
        <translation>Hesitant</translation>
    </message>
    <message>
        <source>消极应付</source>
        <translation>Passive</translation>
    </message>
    <message>
        <source>拒不配合</source>
        <translation>Refuses to cooperate</translation>
    </message>
    <message>
        <source>父母</source>
        <translation>Parents</translation>
    </message>
    <message>
        <source>祖父母/外祖父母</source>
        <translation>Grandparents</translation>
    </message>
    <message>
        <source>其他监护人</source>
        <translation>Other guardian</translation>
    </message>
    <message>
        <source>学生本人</source>
        <translation>The pupil</translation>
    </message>
    <message>
        <source>未见到人</source>
        <translation>Nobody met</translation>
    </message>
    <message>
        <source>承诺返校</source>
        <translation>Promised to return</translation>
    </message>
    <message>
        <source>拒绝</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>无法联系</source>
        <translation>Unreachable</translation>
    </message>
    <message>
        <source>已复学</source>
        <translation>Returned to school</translation>
    </message>
    <message>
        <source>转学</source>
        <translation>Transferred</translation>
    </message>
    <message>
        <source>乡镇教育执法组</source>
        <translation>Township education enforcement team</translation>
    </message>
    <message>
        <source>公安</source>
        <translation>Police</translation>
    </message>
    <message>
        <source>人社</source>
        <translation>Human resources and social security</translation>
    </message>
    <message>
        <source>市场监管</source>
        <translation>Market regulation</translation>
    </message>
    <message>
        <source>民政</source>
        <translation>Civil affairs</translation>
    </message>
    <message>
        <source>司法</source>
        <translation>Justice</translation>
    </message>
    <message>
        <source>妇联</source>
        <translation>Women&apos;s federation</translation>
    </message>
    <message>
        <source>残联</source>
        <translation>Disabled persons&apos; federation</translation>
    </message>
    <message>
        <source>其他部门</source>
        <translation>Other department</translation>
    </message>
    <message>
        <source>依法督促监护人送子女入学</source>
        <translation>Require the guardians by law to send the child to school</translation>
    </message>
    <message>
        <source>监护人不履行监护职责</source>
        <translation>Guardians not fulfilling their duty of care</translation>
    </message>
    <message>
        <source>非法招用童工</source>
        <translation>Illegal employment of child labour</translation>
    </message>
    <message>
        <source>家庭困难救助</source>
        <translation>Relief for family hardship</translation>
    </message>
    <message>
        <source>法律援助、依法督促</source>
        <translation>Legal aid and enforcement</translation>
    </message>
    <message>
        <source>早婚、家庭教育指导</source>
        <translation>Early marriage; guidance on family education</translation>
    </message>
    <message>
        <source>残疾儿童康复与送教</source>
        <translation>Rehabilitation and home schooling for disabled children</translation>
    </message>
    <message>
        <source>开始缺课，建立个案</source>
        <translation>Absence began; case opened</translation>
    </message>
    <message>
        <source>列为疑似辍学</source>
        <translation>Listed as suspected dropout</translation>
    </message>
    <message>
        <source>再次缺课</source>
        <translation>Absent again</translation>
    </message>
    <message>
        <source>返校</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>走访</source>
        <translation>Visit</translation>
    </message>
    <message>
        <source>报送情况报告</source>
        <translation>Report sent</translation>
    </message>
    <message>
        <source>发出限期返校通知书</source>
        <translation>Issue return notice</translation>
    </message>
    <message>
        <source>转介相关部门</source>
        <translation>Referred to a department</translation>
    </message>
    <message>
        <source>部门回复</source>
        <translation>Department&apos;s answer</translation>
    </message>
    <message>
        <source>认定辍学</source>
        <translation>Dropout confirmed</translation>
    </message>
    <message>
        <source>销号</source>
        <translation>Close case</translation>
    </message>
    <message>
        <source>重新开启</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <source>一访：班主任家访</source>
        <translation>1st visit: class teacher&apos;s home visit</translation>
    </message>
    <message>
        <source>二访：校长/防辍小组家访</source>
        <translation>2nd visit: principal / dropout-prevention team</translation>
    </message>
    <message>
        <source>三访：联合村（居）委会家访</source>
        <translation>3rd visit: joint visit with the village committee</translation>
    </message>
    <message>
        <source>报送辍学学生情况报告</source>
        <translation>Send the dropout report</translation>
    </message>
    <message>
        <source>核查通知书期限（是否按期返校）</source>
        <translation>Check the notice deadline (back in time?)</translation>
    </message>
    <message>
        <source>劝返无效：认定辍学或转介</source>
        <translation>Persuasion failed: confirm the dropout or refer</translation>
    </message>
    <message>
        <source>催问部门回复</source>
        <translation>Chase the department&apos;s answer</translation>
    </message>
    <message>
        <source>超龄</source>
        <translation>Over age</translation>
    </message>
    <message>
        <source>低龄</source>
        <translation>Under age</translation>
    </message>
    <message>
        <source>假日</source>
        <translation>Holiday</translation>
    </message>
    <message>
        <source>调休上课</source>
        <translation>Make-up school day</translation>
    </message>
    <message>
        <source>G字头（身份证件号）</source>
        <translation>G (ID number)</translation>
    </message>
    <message>
        <source>J字头（无身份证件，系统编号）</source>
        <translation>J (no ID document, system number)</translation>
    </message>
    <message>
        <source>L字头（临时学籍号）</source>
        <translation>L (temporary student number)</translation>
    </message>
    <message>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <source>查看学生</source>
        <translation>View pupils</translation>
    </message>
    <message>
        <source>登记学生</source>
        <translation>Register pupils</translation>
    </message>
    <message>
        <source>修改学生信息</source>
        <translation>Edit pupils&apos; details</translation>
    </message>
    <message>
        <source>删除学生</source>
        <translation>Delete pupils</translation>
    </message>
    <message>
        <source>办理学籍异动</source>
        <translation>Record status changes</translation>
    </message>
    <message>
        <source>查看适龄儿童</source>
        <translation>View school-age children</translation>
    </message>
    <message>
        <source>修改适龄儿童登记</source>
        <translation>Edit the children register</translation>
    </message>
    <message>
        <source>查看证明材料</source>
        <translation>View proof documents</translation>
    </message>
    <message>
        <source>管理账户</source>
        <translation>Manage accounts</translation>
    </message>
    <message>
        <source>查看审计日志</source>
        <translation>View the audit log</translation>
    </message>
    <message>
        <source>导出审计日志</source>
        <translation>Export the audit log</translation>
    </message>
    <message>
        <source>备份数据库</source>
        <translation>Back up the database</translation>
    </message>
    <message>
        <source>从备份恢复数据库</source>
        <translation>Restore the database from a backup</translation>
    </message>
    <message>
        <source>修改系统设置</source>
        <translation>Change the settings</translation>
    </message>
    <message>
        <source>导入名册</source>
        <translation>Import rosters</translation>
    </message>
    <message>
        <source>导出台账</source>
        <translation>Export ledgers</translation>
    </message>
    <message>
        <source>查看报表</source>
        <translation>View reports</translation>
    </message>
    <message>
        <source>制作责任状</source>
        <translation>Make responsibility letters</translation>
    </message>
    <message>
        <source>同步数据</source>
        <translation>Synchronise data</translation>
    </message>
    <message>
        <source>配对站点、导出和导入同步包</source>
        <translation>Pair sites, export and import sync packages</translation>
    </message>
    <message>
        <source>查看控辍个案和待办</source>
        <translation>View dropout cases and the to-do list</translation>
    </message>
    <message>
        <source>登记缺课、家访和返校</source>
        <translation>Record absences, visits and returns</translation>
    </message>
    <message>
        <source>办理控辍个案（包保责任人、情况报告、认定辍学）</source>
        <translation>Run dropout cases (responsible persons, reports, confirming dropouts)</translation>
    </message>
    <message>
        <source>发出限期返校通知书、转介部门、销号</source>
        <translation>Issue return notices, refer to departments, close cases</translation>
    </message>
    <message>
        <source>管理本站点的全部数据、账户、备份与设置</source>
        <translation>Manages all of this site&apos;s data, accounts, backups and settings</translation>
    </message>
    <message>
        <source>查看全部学校和乡镇的数据、报表与审计日志，不直接修改学籍</source>
        <translation>Sees the data, reports and audit log of all schools and townships; does not edit student records</translation>
    </message>
    <message>
        <source>管理本乡镇的学生和适龄儿童，办理学籍异动</source>
        <translation>Manages the township&apos;s pupils and school-age children and records status changes</translation>
    </message>
    <message>
        <source>管理本校学生，办理学籍异动</source>
        <translation>Manages the school&apos;s pupils and records status changes</translation>
    </message>
    <message>
        <source>查看并修改本校（或所带班级）学生的信息</source>
        <translation>Views and edits the pupils of the school (or of own classes)</translation>
    </message>
    <message>
        <source>同步包</source>
        <translation>Sync package</translation>
    </message>
    <message>
        <source>回执</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>责任书模板</source>
        <translation>Letter template</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>教职工</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>班级</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>校历</source>
        <translation>School calendar</translation>
    </message>
    <message>
        <source>校历日期</source>
        <translation>Calendar day</translation>
    </message>
    <message>
        <source>学生</source>
        <translation>Pupil</translation>
    </message>
    <message>
        <source>适龄儿童</source>
        <translation>School-age child</translation>
    </message>
    <message>
        <source>监护人</source>
        <translation>Guardian</translation>
    </message>
    <message>
        <source>学籍异动</source>
        <translation>Status change</translation>
    </message>
    <message>
        <source>劝返个案</source>
        <translation>Dropout case</translation>
    </message>
    <message>
        <source>个案记录</source>
        <translation>Case record</translation>
    </message>
    <message>
        <source>转介</source>
        <translation>Referral</translation>
    </message>
    <message>
        <source>限期返校通知书</source>
        <translation>Return notice</translation>
    </message>
    <message>
        <source>责任状</source>
        <translation>Responsibility letter</translation>
    </message>
    <message>
        <source>证明材料</source>
        <translation>Proof document</translation>
    </message>
    <message>
        <source>同步冲突</source>
        <translation>Sync conflict</translation>
    </message>
    <message>
        <source>每日</source>
        <translation>Daily</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>On exit</translation>
    </message>
    <message>
        <source>手动</source>
        <translation>Manual</translation>
    </message>
    <message>
        <source>导入前</source>
        <translation>Before import</translation>
    </message>
    <message>
        <source>恢复前</source>
        <translation>Before restore</translation>
    </message>
    <message>
        <source>账户</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>审计记录</source>
        <translation>Audit entries</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restored</translation>
    </message>
    <message>
        <source>站点</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>导入批次</source>
        <translation>Import batch</translation>
    </message>
    <message>
        <source>演示数据</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>民族</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <source>证件类型</source>
        <translation>ID type</translation>
    </message>
    <message>
        <source>身份证件号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>学籍号</source>
        <translation>Student number</translation>
    </message>
    <message>
        <source>户籍地址</source>
        <translation>Registered address</translation>
    </message>
    <message>
        <source>户口性质</source>
        <translation>Hukou type</translation>
    </message>
    <message>
        <source>户籍乡镇</source>
        <translation>Registered township</translation>
    </message>
    <message>
        <source>现住址</source>
        <translation>Current address</translation>
    </message>
    <message>
        <source>年级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>入学日期</source>
        <translation>Enrolment date</translation>
    </message>
    <message>
        <source>留守情况</source>
        <translation>Left-behind status</translation>
    </message>
    <message>
        <source>随迁子女</source>
        <translation>Migrant child</translation>
    </message>
    <message>
        <source>残疾类型</source>
        <translation>Disability type</translation>
    </message>
    <message>
        <source>安置方式</source>
        <translation>Placement</translation>
    </message>
    <message>
        <source>亲情监护人</source>
        <translation>Mentor teacher</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>学籍状态</source>
        <translation>Enrolment status</translation>
    </message>
    <message>
        <source>监护人1</source>
        <translation>Guardian 1</translation>
    </message>
    <message>
        <source>监护人1姓名</source>
        <translation>Guardian 1 name</translation>
    </message>
    <message>
        <source>监护人1关系</source>
        <translation>Guardian 1 relation</translation>
    </message>
    <message>
        <source>监护人1电话</source>
        <translation>Guardian 1 phone</translation>
    </message>
    <message>
        <source>监护人1工作单位</source>
        <translation>Guardian 1 workplace</translation>
    </message>
    <message>
        <source>监护人1外出务工</source>
        <translation>Guardian 1 working away</translation>
    </message>
    <message>
        <source>监护人2</source>
        <translation>Guardian 2</translation>
    </message>
    <message>
        <source>监护人2姓名</source>
        <translation>Guardian 2 name</translation>
    </message>
    <message>
        <source>监护人2关系</source>
        <translation>Guardian 2 relation</translation>
    </message>
    <message>
        <source>监护人2电话</source>
        <translation>Guardian 2 phone</translation>
    </message>
    <message>
        <source>监护人2工作单位</source>
        <translation>Guardian 2 workplace</translation>
    </message>
    <message>
        <source>监护人2外出务工</source>
        <translation>Guardian 2 working away</translation>
    </message>
    <message>
        <source>登记人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>村（社区）</source>
        <translation>Village (community)</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <source>文件校验值</source>
        <translation>File checksum</translation>
    </message>
    <message>
        <source>姓名拼音</source>
        <translation>Name in pinyin</translation>
    </message>
    <message>
        <source>姓名首字母</source>
        <translation>Name initials</translation>
    </message>
    <message>
        <source>登记乡镇</source>
        <translation>Registering township</translation>
    </message>
    <message>
        <source>对应学籍</source>
        <translation>Pupil record</translation>
    </message>
    <message>
        <source>监护人序号</source>
        <translation>Guardian no.</translation>
    </message>
    <message>
        <source>关系</source>
        <translation>Relation</translation>
    </message>
    <message>
        <source>工作单位</source>
        <translation>Workplace</translation>
    </message>
    <message>
        <source>外出务工</source>
        <translation>Working away</translation>
    </message>
    <message>
        <source>乡镇代码</source>
        <translation>Township code</translation>
    </message>
    <message>
        <source>所属市县</source>
        <translation>City / county</translation>
    </message>
    <message>
        <source>学校类型</source>
        <translation>School type</translation>
    </message>
    <message>
        <source>学校代码</source>
        <translation>School code</translation>
    </message>
    <message>
        <source>学校地址</source>
        <translation>School address</translation>
    </message>
    <message>
        <source>行政区划代码</source>
        <translation>Area code</translation>
    </message>
    <message>
        <source>本机站点</source>
        <translation>This computer&apos;s site</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>所在村（社区）</source>
        <translation>Village (community)</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>所属乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <source>所带班级</source>
        <translation>Classes taught</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>锁定至</source>
        <translation>Locked until</translation>
    </message>
    <message>
        <source>备份文件夹</source>
        <translation>Backup folder</translation>
    </message>
    <message>
        <source>自动锁定（分钟）</source>
        <translation>Auto-lock (minutes)</translation>
    </message>
    <message>
        <source>备份文件</source>
        <translation>Backup file</translation>
    </message>
    <message>
        <source>备份时间</source>
        <translation>Backup time</translation>
    </message>
    <message>
        <source>站点类型</source>
        <translation>Site type</translation>
    </message>
    <message>
        <source>未入学/疑似失学</source>
        <translation>Not enrolled / possibly out of school</translation>
    </message>
    <message>
        <source>外地就读无证明</source>
        <translation>Studying elsewhere without proof</translation>
    </message>
    <message>
        <source>户籍在本地未登记</source>
        <translation>Registered here but not in the children register</translation>
    </message>
    <message>
        <source>超龄/低龄</source>
        <translation>Over / under age</translation>
    </message>
    <message>
        <source>重复登记</source>
        <translation>Registered twice</translation>
    </message>
    <message>
        <source>不在适龄范围</source>
        <translation>Not of school age</translation>
    </message>
    <message>
        <source>适龄儿童登记中有此人，但查不到在读或休学的学籍，也没有经批准的缓学、免学等情况</source>
        <translation>In the children register, but with no enrolled or suspended student record and no approved deferral or exemption</translation>
    </message>
    <message>
        <source>登记为外地就读，但没有上传就读证明（学籍证明、在校证明等）</source>
        <translation>Registered as studying elsewhere, but no proof (student record or enrolment certificate) was uploaded</translation>
    </message>
    <message>
        <source>学生户籍在本乡镇，在校就读，但适龄儿童登记（户籍儿童名单）中没有此人</source>
        <translation>The pupil&apos;s hukou is in this township and the pupil is at school, but is missing from the children register</translation>
    </message>
    <message>
        <source>学生所在年级与按出生日期应在的年级相差超过允许的年级数</source>
        <translation>The pupil&apos;s grade differs from the grade expected by date of birth by more than allowed</translation>
    </message>
    <message>
        <source>同一身份证件号有两条以上在读学籍，或在适龄儿童登记中重复出现</source>
        <translation>The same ID number has two or more active student records, or appears twice in the children register</translation>
    </message>
    <message>
        <source>户籍儿童名单中不满6周岁或已满16周岁的儿童，不属于适龄儿童，不作失学处理</source>
        <translation>Children in the register under 6 or aged 16 and over are not of school age and are not counted as out of school</translation>
    </message>
    <message>
        <source>七年级</source>
        <translation>Grade 7</translation>
    </message>
    <message>
        <source>八年级</source>
        <translation>Grade 8</translation>
    </message>
    <message>
        <source>九年级</source>
        <translation>Grade 9</translation>
    </message>
    <message>
        <source>脱贫户</source>
        <translation>Poverty-alleviated</translation>
    </message>
    <message>
        <source>年级班级</source>
        <translation>Grade and class</translation>
    </message>
    <message>
        <source>辍学日期</source>
        <translation>Dropout date</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>现在的学籍状态</source>
        <translation>Current status</translation>
    </message>
    <message>
        <source>个案编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>用户名（查重）</source>
        <translation>User name (for duplicates)</translation>
    </message>
    <message>
        <source>连续输错密码次数</source>
        <translation>Wrong passwords in a row</translation>
    </message>
    <message>
        <source>须修改密码</source>
        <translation>Must change password</translation>
    </message>
    <message>
        <source>上次登录时间</source>
        <translation>Last login</translation>
    </message>
    <message>
        <source>设置项</source>
        <translation>Setting</translation>
    </message>
    <message>
        <source>设置值</source>
        <translation>Setting value</translation>
    </message>
    <message>
        <source>一访到期（缺课第几个上学日）</source>
        <translation>1st visit due (school day of absence)</translation>
    </message>
    <message>
        <source>二访到期（缺课第几个上学日）</source>
        <translation>2nd visit due (school day of absence)</translation>
    </message>
    <message>
        <source>三访到期（缺课第几个上学日）</source>
        <translation>3rd visit due (school day of absence)</translation>
    </message>
    <message>
        <source>书面报告到期（缺课第几个上学日）</source>
        <translation>Written report due (school day of absence)</translation>
    </message>
    <message>
        <source>疑似辍学认定（上学日）</source>
        <translation>Suspected dropout after (school days)</translation>
    </message>
    <message>
        <source>通知书发出期限（上学日）</source>
        <translation>Return notice within (school days)</translation>
    </message>
    <message>
        <source>通知书默认期限（天）</source>
        <translation>Return notice default deadline (days)</translation>
    </message>
    <message>
        <source>辍学认定（上学日）</source>
        <translation>Dropout confirmed after (school days)</translation>
    </message>
    <message>
        <source>跟进走访间隔（天）</source>
        <translation>Follow-up visit interval (days)</translation>
    </message>
    <message>
        <source>无进展认定（天）</source>
        <translation>No progress after (days)</translation>
    </message>
    <message>
        <source>转介回复期限（天）</source>
        <translation>Referral answer due (days)</translation>
    </message>
    <message>
        <source>重新开启期限（天）</source>
        <translation>Reopen within (days)</translation>
    </message>
    <message>
        <source>休学学生口径</source>
        <translation>Definition: suspended pupils</translation>
    </message>
    <message>
        <source>死亡学生口径</source>
        <translation>Definition: deceased pupils</translation>
    </message>
    <message>
        <source>转学学生口径</source>
        <translation>Definition: transfers</translation>
    </message>
    <message>
        <source>辍学人数口径</source>
        <translation>Definition: dropouts counted</translation>
    </message>
    <message>
        <source>外地就读儿童口径</source>
        <translation>Definition: children studying elsewhere</translation>
    </message>
    <message>
        <source>缓学、免学儿童口径</source>
        <translation>Definition: deferred and exempted children</translation>
    </message>
    <message>
        <source>适龄范围口径</source>
        <translation>Definition: school-age range</translation>
    </message>
    <message>
        <source>异动类型</source>
        <translation>Change type</translation>
    </message>
    <message>
        <source>异动日期</source>
        <translation>Change date</translation>
    </message>
    <message>
        <source>异动原因</source>
        <translation>Change reason</translation>
    </message>
    <message>
        <source>原学校</source>
        <translation>Previous school</translation>
    </message>
    <message>
        <source>转入学校</source>
        <translation>New school</translation>
    </message>
    <message>
        <source>异动前学籍状态</source>
        <translation>Status before</translation>
    </message>
    <message>
        <source>异动后学籍状态</source>
        <translation>Status after</translation>
    </message>
    <message>
        <source>转学范围</source>
        <translation>Transfer scope</translation>
    </message>
    <message>
        <source>所属记录类型</source>
        <translation>Record type</translation>
    </message>
    <message>
        <source>所属记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>文件类型</source>
        <translation>File type</translation>
    </message>
    <message>
        <source>文件大小</source>
        <translation>File size</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>个案状态</source>
        <translation>Case status</translation>
    </message>
    <message>
        <source>未销号</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>立案日期</source>
        <translation>Opened on</translation>
    </message>
    <message>
        <source>本次缺课起始日期</source>
        <translation>Absence began on</translation>
    </message>
    <message>
        <source>预警日期</source>
        <translation>Alert date</translation>
    </message>
    <message>
        <source>疑似辍学日期</source>
        <translation>Suspected dropout on</translation>
    </message>
    <message>
        <source>认定辍学日期</source>
        <translation>Dropout confirmed on</translation>
    </message>
    <message>
        <source>返校日期</source>
        <translation>Back at school on</translation>
    </message>
    <message>
        <source>销号日期</source>
        <translation>Closed on</translation>
    </message>
    <message>
        <source>销号结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>销号说明</source>
        <translation>Closing note</translation>
    </message>
    <message>
        <source>书面报告日期</source>
        <translation>Report sent on</translation>
    </message>
    <message>
        <source>最近进展日期</source>
        <translation>Last activity on</translation>
    </message>
    <message>
        <source>下一步工作</source>
        <translation>Next action</translation>
    </message>
    <message>
        <source>下一步到期日</source>
        <translation>Next action due</translation>
    </message>
    <message>
        <source>待办家访</source>
        <translation>Visit due</translation>
    </message>
    <message>
        <source>家访到期日</source>
        <translation>Visit due on</translation>
    </message>
    <message>
        <source>报告到期日</source>
        <translation>Report due on</translation>
    </message>
    <message>
        <source>通知书到期日</source>
        <translation>Notice due on</translation>
    </message>
    <message>
        <source>销号到期日</source>
        <translation>Closing due on</translation>
    </message>
    <message>
        <source>主要原因</source>
        <translation>Main reason</translation>
    </message>
    <message>
        <source>包保校长</source>
        <translation>Responsible principal</translation>
    </message>
    <message>
        <source>包保教师</source>
        <translation>Responsible teacher</translation>
    </message>
    <message>
        <source>包保乡镇干部</source>
        <translation>Responsible township official</translation>
    </message>
    <message>
        <source>包保村干部</source>
        <translation>Responsible village official</translation>
    </message>
    <message>
        <source>其他责任人</source>
        <translation>Other responsible persons</translation>
    </message>
    <message>
        <source>劝返措施</source>
        <translation>Measures taken</translation>
    </message>
    <message>
        <source>辍学学籍异动</source>
        <translation>Dropout status change</translation>
    </message>
    <message>
        <source>复学学籍异动</source>
        <translation>Return status change</translation>
    </message>
    <message>
        <source>个案记录条数</source>
        <translation>Case records</translation>
    </message>
    <message>
        <source>个案进度</source>
        <translation>Case progress</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>记录类型</source>
        <translation>Record type</translation>
    </message>
    <message>
        <source>发生日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>记录内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>关联记录类型</source>
        <translation>Linked record type</translation>
    </message>
    <message>
        <source>关联记录</source>
        <translation>Linked record</translation>
    </message>
    <message>
        <source>摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>登记时间</source>
        <translation>Recorded at</translation>
    </message>
    <message>
        <source>缺课起始日期</source>
        <translation>First day absent</translation>
    </message>
    <message>
        <source>家访时间</source>
        <translation>Visited at</translation>
    </message>
    <message>
        <source>家访轮次</source>
        <translation>Visit round</translation>
    </message>
    <message>
        <source>走访方式</source>
        <translation>Visit type</translation>
    </message>
    <message>
        <source>参加人员</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>见到的人</source>
        <translation>Met with</translation>
    </message>
    <message>
        <source>未返校原因</source>
        <translation>Reason for not returning</translation>
    </message>
    <message>
        <source>家长态度</source>
        <translation>Parents&apos; attitude</translation>
    </message>
    <message>
        <source>家访结果</source>
        <translation>Visit outcome</translation>
    </message>
    <message>
        <source>承诺返校日期</source>
        <translation>Promised return date</translation>
    </message>
    <message>
        <source>下一步措施</source>
        <translation>Next step</translation>
    </message>
    <message>
        <source>下一步日期</source>
        <translation>Next step on</translation>
    </message>
    <message>
        <source>转介部门</source>
        <translation>Referred to</translation>
    </message>
    <message>
        <source>转介日期</source>
        <translation>Referred on</translation>
    </message>
    <message>
        <source>转介事项</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>回复日期</source>
        <translation>Answered on</translation>
    </message>
    <message>
        <source>通知书文号</source>
        <translation>Notice number</translation>
    </message>
    <message>
        <source>发出日期</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <source>返校期限</source>
        <translation>Return by</translation>
    </message>
    <message>
        <source>发文单位</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>学年</source>
        <translation>School year</translation>
    </message>
    <message>
        <source>第一学期开始</source>
        <translation>Term 1 start</translation>
    </message>
    <message>
        <source>第一学期结束</source>
        <translation>Term 1 end</translation>
    </message>
    <message>
        <source>第二学期开始</source>
        <translation>Term 2 start</translation>
    </message>
    <message>
        <source>第二学期结束</source>
        <translation>Term 2 end</translation>
    </message>
    <message>
        <source>休息日</source>
        <translation>Weekend days</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>日期类型</source>
        <translation>Day type</translation>
    </message>
    <message>
        <source>模板标识</source>
        <translation>Template key</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>责任书类型</source>
        <translation>Letter type</translation>
    </message>
    <message>
        <source>正文</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>软件自带</source>
        <translation>Built in</translation>
    </message>
    <message>
        <source>当前版本</source>
        <translation>Current version</translation>
    </message>
    <message>
        <source>责任书编号</source>
        <translation>Letter number</translation>
    </message>
    <message>
        <source>模板</source>
        <translation>Template</translation>
    </message>
    <message>
        <source>模板版本</source>
        <translation>Template version</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>甲方</source>
        <translation>Party A</translation>
    </message>
    <message>
        <source>乙方</source>
        <translation>Party B</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>学生人数</source>
        <translation>Pupils</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>发放时间</source>
        <translation>Issued at</translation>
    </message>
    <message>
        <source>发放人</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>发放日期</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <source>签回日期</source>
        <translation>Signed on</translation>
    </message>
    <message>
        <source>签回扫描件</source>
        <translation>Signed scan</translation>
    </message>
    <message>
        <source>考核结果</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <source>考核说明</source>
        <translation>Assessment reason</translation>
    </message>
    <message>
        <source>考核时间</source>
        <translation>Assessed at</translation>
    </message>
    <message>
        <source>考核人</source>
        <translation>Assessed by</translation>
    </message>
    <message>
        <source>数据表</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>记录编号</source>
        <translation>Record ID</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>采用的值</source>
        <translation>Value kept</translation>
    </message>
    <message>
        <source>采用值的时钟</source>
        <translation>Clock of the value kept</translation>
    </message>
    <message>
        <source>采用值的站点</source>
        <translation>Site of the value kept</translation>
    </message>
    <message>
        <source>采用值的用户</source>
        <translation>User of the value kept</translation>
    </message>
    <message>
        <source>采用值的时间</source>
        <translation>Time of the value kept</translation>
    </message>
    <message>
        <source>另一个值</source>
        <translation>Other value</translation>
    </message>
    <message>
        <source>另一个值的时钟</source>
        <translation>Clock of the other value</translation>
    </message>
    <message>
        <source>另一个值的站点</source>
        <translation>Site of the other value</translation>
    </message>
    <message>
        <source>另一个值的用户</source>
        <translation>User of the other value</translation>
    </message>
    <message>
        <source>另一个值的时间</source>
        <translation>Time of the other value</translation>
    </message>
    <message>
        <source>处理状态</source>
        <translation>Resolution status</translation>
    </message>
    <message>
        <source>处理结果</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>导入类型</source>
        <translation>Import type</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>导入时间</source>
        <translation>Imported at</translation>
    </message>
    <message>
        <source>导入人</source>
        <translation>Imported by</translation>
    </message>
    <message>
        <source>新增行数</source>
        <translation>Rows added</translation>
    </message>
    <message>
        <source>更新行数</source>
        <translation>Rows updated</translation>
    </message>
    <message>
        <source>无变化行数</source>
        <translation>Rows unchanged</translation>
    </message>
    <message>
        <source>未导入行数</source>
        <translation>Rows not imported</translation>
    </message>
    <message>
        <source>新增学校</source>
        <translation>Schools added</translation>
    </message>
    <message>
        <source>新增班级</source>
        <translation>Classes added</translation>
    </message>
    <message>
        <source>新增乡镇</source>
        <translation>Townships added</translation>
    </message>
    <message>
        <source>行数</source>
        <translation>Rows</translation>
    </message>
    <message>
        <source>新增学生</source>
        <translation>Pupils added</translation>
    </message>
    <message>
        <source>新增适龄儿童</source>
        <translation>School-age children added</translation>
    </message>
    <message>
        <source>乡镇数</source>
        <translation>Townships</translation>
    </message>
    <message>
        <source>学校数</source>
        <translation>Schools</translation>
    </message>
    <message>
        <source>班级数</source>
        <translation>Classes</translation>
    </message>
    <message>
        <source>教职工人数</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>监护人人数</source>
        <translation>Guardians</translation>
    </message>
    <message>
        <source>适龄儿童人数</source>
        <translation>School-age children</translation>
    </message>
    <message>
        <source>学籍异动条数</source>
        <translation>Status changes</translation>
    </message>
    <message>
        <source>证明材料份数</source>
        <translation>Proof documents</translation>
    </message>
    <message>
        <source>往届学生人数</source>
        <translation>Past pupils</translation>
    </message>
    <message>
        <source>劝返个案数</source>
        <translation>Dropout cases</translation>
    </message>
    <message>
        <source>应办事项</source>
        <translation>Due action</translation>
    </message>
    <message>
        <source>到期日</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>户籍村</source>
        <translation>Registered village</translation>
    </message>
    <message>
        <source>登记情况</source>
        <translation>Registered situation</translation>
    </message>
    <message>
        <source>入学率中计为</source>
        <translation>Counted in the enrolment rate as</translation>
    </message>
    <message>
        <source>已逾期的走访</source>
        <translation>Overdue visits</translation>
    </message>
    <message>
        <source>今天到期的走访</source>
        <translation>Visits due today</translation>
    </message>
    <message>
        <source>待报送的情况报告</source>
        <translation>Reports to send</translation>
    </message>
    <message>
        <source>限期返校通知书已过期限</source>
        <translation>Return notices past their deadline</translation>
    </message>
    <message>
        <source>{n}天无进展的个案</source>
        <translation>Cases with no progress for {n} days</translation>
    </message>
    <message>
        <source>已返校待销号</source>
        <translation>Back at school, waiting to be closed</translation>
    </message>
    <message>
        <source>按“三访一报告”应当走访而还没有登记的</source>
        <translation>Visits due under &quot;three visits and a report&quot; that have not been recorded</translation>
    </message>
    <message>
        <source>今天应当走访的</source>
        <translation>Visits due today</translation>
    </message>
    <message>
        <source>三访后应报送乡镇政府和教育局的书面报告</source>
        <translation>Written reports due to the township government and the education bureau after the third visit</translation>
    </message>
    <message>
        <source>通知书期限已过，请核查学生是否返校，并决定下一步（转介、认定辍学）</source>
        <translation>The notice&apos;s deadline has passed: check whether the pupil is back and decide the next step (referral, confirming the dropout)</translation>
    </message>
    <message>
        <source>很久没有走访、通知或转介记录的个案</source>
        <translation>Cases without a visit, notice or referral for a long time</translation>
    </message>
    <message>
        <source>学生已返校，请核实后销号</source>
        <translation>The pupil is back: check and close the case</translation>
    </message>
    <message>
        <source>学籍变动月报</source>
        <translation>Monthly status change report</translation>
    </message>
    <message>
        <source>辍学情况月报</source>
        <translation>Monthly dropout report</translation>
    </message>
    <message>
        <source>学籍变动月报和辍学情况月报</source>
        <translation>Monthly status change and dropout reports</translation>
    </message>
    <message>
        <source>已发放</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>已签回</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>已考核</source>
        <translation>Assessed</translation>
    </message>
    <message>
        <source>合格</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>不合格</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>一票否决</source>
        <translation>Vetoed</translation>
    </message>
    <message>
        <source>学校与班主任</source>
        <translation>School and class teacher</translation>
    </message>
    <message>
        <source>乡镇与村（居）委会</source>
        <translation>Township and village committee</translation>
    </message>
    <message>
        <source>学校与家长（家长承诺书）</source>
        <translation>School and parents (parents&apos; pledge)</translation>
    </message>
    <message>
        <source>村（居）委会</source>
        <translation>Village committee</translation>
    </message>
    <message>
        <source>学生家长</source>
        <translation>Parents</translation>
    </message>
    <message>
        <source>适龄儿童台账</source>
        <translation>School-age children ledger</translation>
    </message>
    <message>
        <source>本乡镇适龄儿童少年登记，含就读情况和在读学籍</source>
        <translation>The township&apos;s register of school-age children, with their situation and enrolment</translation>
    </message>
    <message>
        <source>疑似辍学学生台账</source>
        <translation>Suspected dropouts ledger</translation>
    </message>
    <message>
        <source>“三访一报告”中的疑似辍学学生，以及核查比对发现的失学儿童</source>
        <translation>Suspected dropouts from the &quot;three visits and a report&quot; casework, and out-of-school children found by the cross-check</translation>
    </message>
    <message>
        <source>辍学学生台账</source>
        <translation>Dropouts ledger</translation>
    </message>
    <message>
        <source>学籍状态为辍学的学生，含辍学日期、原因和劝返情况</source>
        <translation>Pupils whose status is dropped out, with the dropout date, reason and persuasion</translation>
    </message>
    <message>
        <source>学生名册</source>
        <translation>Student roster</translation>
    </message>
    <message>
        <source>学生学籍名册，可用“导入名册”重新导入</source>
        <translation>The student roster; can be imported again with &quot;Import roster&quot;</translation>
    </message>
    <message>
        <source>家访记录台账</source>
        <translation>Home visits ledger</translation>
    </message>
    <message>
        <source>个案中的家访（三访与跟进）记录</source>
        <translation>The home visits (three visits and follow-ups) recorded in cases</translation>
    </message>
    <message>
        <source>身份证件类型</source>
        <translation>ID document type</translation>
    </message>
    <message>
        <source>学校名称</source>
        <translation>School name</translation>
    </message>
    <message>
        <source>是否寄宿</source>
        <translation>Boarder</translation>
    </message>
    <message>
        <source>留守儿童</source>
        <translation>Left-behind child</translation>
    </message>
    <message>
        <source>监护人姓名</source>
        <translation>Guardian&apos;s name</translation>
    </message>
    <message>
        <source>与学生关系</source>
        <translation>Relation to pupil</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>第二监护人姓名</source>
        <translation>Second guardian&apos;s name</translation>
    </message>
    <message>
        <source>第二监护人关系</source>
        <translation>Second guardian&apos;s relation</translation>
    </message>
    <message>
        <source>第二监护人电话</source>
        <translation>Second guardian&apos;s phone</translation>
    </message>
    <message>
        <source>户籍村（社区）</source>
        <translation>Registered village (community)</translation>
    </message>
    <message>
        <source>居住地址</source>
        <translation>Residential address</translation>
    </message>
    <message>
        <source>就读情况</source>
        <translation>Schooling situation</translation>
    </message>
    <message>
        <source>外地就读学校</source>
        <translation>School elsewhere</translation>
    </message>
    <message>
        <source>批准单位</source>
        <translation>Approving body</translation>
    </message>
    <message>
        <source>缓（免）学期限</source>
        <translation>Deferral (exemption) period</translation>
    </message>
    <message>
        <source>缓（免）学起始日期</source>
        <translation>Deferral (exemption) start</translation>
    </message>
    <message>
        <source>缓（免）学截止日期</source>
        <translation>Deferral (exemption) end</translation>
    </message>
    <message>
        <source>学籍名册</source>
        <translation>Student roster</translation>
    </message>
    <message>
        <source>适龄儿童登记表</source>
        <translation>Children register</translation>
    </message>
    <message>
        <source>个案</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>待改密码</source>
        <translation>Must change password</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>全站点</source>
        <translation>Whole site</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>DropoutDialog</name>
    <message>
        <source>认定日期</source>
        <translation>Confirmed on</translation>
    </message>
    <message>
        <source>%1，经三访劝返无效</source>
        <translation>%1; three visits failed to bring the pupil back</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>将同时办理学籍异动“辍学”，本个案的《辍学学生情况报告表》作为证明材料自动附上。</source>
        <translation>A &quot;dropout&quot; status change is recorded at the same time, with this case&apos;s dropout report form attached as proof.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>导出同步包</source>
        <translation>Export sync package</translation>
    </message>
    <message>
        <source>完整同步包：本站点范围内对方应有的全部数据（给新配对的站点打底，文件较大）</source>
        <translation>Full sync package: all data of this site&apos;s scope the other site should have (to start a newly paired site; a large file)</translation>
    </message>
    <message>
        <source>发给：</source>
        <translation>To:</translation>
    </message>
    <message>
        <source>增量同步包带上对方还没有确认收到的全部变更：上一个同步包丢了也没关系，下一个会再带上。对方导入后会生成回执，把回执带回来导入，就不会再重复发送。</source>
        <translation>An incremental sync package carries every change the other site has not yet confirmed, so a lost package does no harm: the next one carries its changes again. Importing it makes a receipt; bring the receipt back and import it here, and those changes are not sent again.</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export...</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message numerus="yes">
        <source>增量同步包：对方尚未确认的变更（约 %1 行）</source>
        <translation>
            <numerusform>Incremental sync package: changes not yet confirmed (about %1 row)</numerusform>
            <numerusform>Incremental sync package: changes not yet confirmed (about %1 rows)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FindingTableModel</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>周岁</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>身份证件号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <source>户籍地址</source>
        <translation>Registered address</translation>
    </message>
    <message>
        <source>就读情况</source>
        <translation>Schooling</translation>
    </message>
    <message>
        <source>学校</source>
        <translation>School</translation>
    </message>
    <message>
        <source>年级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>学籍状态</source>
        <translation>Record status</translation>
    </message>
    <message>
        <source>核查情况</source>
        <translation>Finding</translation>
    </message>
</context>
<context>
    <name>FingerprintDialog</name>
    <message>
        <source>核对指纹后配对</source>
        <translation>Pair after checking the fingerprint</translation>
    </message>
    <message>
        <source>本站点卡片已导出</source>
        <translation>This site&apos;s card exported</translation>
    </message>
    <message>
        <source>对方站点：%1（%2）</source>
        <translation>Other site: %1 (%2)</translation>
    </message>
    <message>
        <source>本站点：%1（%2）</source>
        <translation>This site: %1 (%2)</translation>
    </message>
    <message>
        <source>指纹：</source>
        <translation>Fingerprint:</translation>
    </message>
    <message>
        <source>请打电话给对方，请对方打开“同步”页面导出本站点卡片时显示的指纹，逐组读给您听。六组字母和数字完全一致，才说明这张卡片确实来自对方、路上没有被调换。不一致时请不要配对。</source>
        <translation>Phone the other site and ask them to read out, group by group, the fingerprint shown when they exported their site card on the &quot;Sync&quot; page. Only if all six groups of letters and digits match did this card really come from them unchanged. If they differ, do not pair.</translation>
    </message>
    <message>
        <source>指纹一致，配对</source>
        <translation>Fingerprints match, pair</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>把卡片文件交给对方（U 盘等）导入；对方导入时会看到这个指纹，请在电话中把它读给对方核对。</source>
        <translation>Give the card file to the other site (on a USB stick, for example) to import; they will see this fingerprint when importing it, so read it to them over the phone to check.</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>欢迎使用控辍保学台账</source>
        <translation>Welcome to the Dropout Prevention Register</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>开始使用</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>窗口已锁定</source>
        <translation>Window locked</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>表格文件 (*.xlsx *.xls *.xlsm *.et *.ods *.csv *.txt);;所有文件 (*)</source>
        <translation>Spreadsheets (*.xlsx *.xls *.xlsm *.et *.ods *.csv *.txt);;All files (*)</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>已取消。</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <source>无法读写文件：%1</source>
        <translation>Cannot read or write the file: %1</translation>
    </message>
    <message>
        <source>出现意外错误，详细信息已写入日志文件：%1</source>
        <translation>An unexpected error occurred; the details were written to the log file: %1</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>导入名册</source>
        <translation>Import roster</translation>
    </message>
    <message>
        <source>下一步 &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <source>&lt; 上一步</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>开始导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>第一步：选择要导入的文件</source>
        <translation>Step 1: choose the file to import</translation>
    </message>
    <message>
        <source>可以导入学校导出的学籍名册，或派出所、村委会提供的适龄儿童名单。支持 Excel（.xlsx、.xls）、WPS（.et）和 CSV 文件。</source>
        <translation>Import a student roster exported by a school, or a list of school-age children from the police station or a village committee. Excel (.xlsx, .xls), WPS (.et) and CSV files can be read.</translation>
    </message>
    <message>
        <source>学籍名册（在校学生）</source>
        <translation>Student roster (pupils at school)</translation>
    </message>
    <message>
        <source>适龄儿童登记表（本乡镇 6–15 周岁的儿童）</source>
        <translation>School-age children register (children aged 6–15 in this township)</translation>
    </message>
    <message>
        <source>点“选择文件…”找到要导入的表格</source>
        <translation>Click &quot;Choose file...&quot; to find the spreadsheet to import</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file...</translation>
    </message>
    <message>
        <source>要导入的是</source>
        <translation>The file holds</translation>
    </message>
    <message>
        <source>提示：导入前会自动备份数据库。导入时按身份证件号（没有的按学籍号）找到台账里的同一个人，只更新有变化的项目；表中空着的单元格不会清除台账里已有的内容。</source>
        <translation>Note: the database is backed up before every import. Each row is matched to the same person in the register by ID number (or by student number when there is none) and only what changed is updated; empty cells never erase what the register already holds.</translation>
    </message>
    <message>
        <source>文件：</source>
        <translation>File:</translation>
    </message>
    <message>
        <source>选择要导入的文件</source>
        <translation>Choose the file to import</translation>
    </message>
    <message>
        <source>正在打开文件……</source>
        <translation>Opening the file...</translation>
    </message>
    <message>
        <source>正在查找表头……</source>
        <translation>Looking for the header row...</translation>
    </message>
    <message>
        <source>正在读取文件……</source>
        <translation>Reading the file...</translation>
    </message>
    <message>
        <source>第二步：确认工作表</source>
        <translation>Step 2: confirm the sheet</translation>
    </message>
    <message>
        <source>已自动找到含有“姓名”“身份证件号”等列的工作表，下面是它的前几行。如果不对，请换一个工作表。</source>
        <translation>The sheet with columns such as &quot;姓名&quot; (name) and &quot;身份证件号&quot; (ID number) was found; its first rows are shown below. If it is the wrong one, choose another sheet.</translation>
    </message>
    <message>
        <source>工作表：</source>
        <translation>Sheet:</translation>
    </message>
    <message>
        <source>（隐藏）</source>
        <translation>(hidden)</translation>
    </message>
    <message>
        <source>正在读取工作表……</source>
        <translation>Reading the sheet...</translation>
    </message>
    <message numerus="yes">
        <source>表头在第 %1 行，下面约有 %2 行数据。</source>
        <translation>
            <numerusform>The header is in row %1, with about %2 row of data below it.</numerusform>
            <numerusform>The header is in row %1, with about %2 rows of data below it.</numerusform>
        </translation>
    </message>
    <message>
        <source>第三步：核对各列的含义</source>
        <translation>Step 3: check what each column means</translation>
    </message>
    <message>
        <source>左边是文件里的列名和前几行的内容，右边是导入到台账的哪一项。请核对一遍；不需要导入的列选“（不导入）”。</source>
        <translation>On the left are the file&apos;s column names and first values, on the right the register field each is imported as. Please check them; choose &quot;(do not import)&quot; for columns that are not needed.</translation>
    </message>
    <message>
        <source>文件中的列</source>
        <translation>Column in the file</translation>
    </message>
    <message>
        <source>示例内容</source>
        <translation>Sample values</translation>
    </message>
    <message>
        <source>导入为</source>
        <translation>Import as</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>（不导入）</source>
        <translation>(do not import)</translation>
    </message>
    <message>
        <source>表格标题写明了学校“%1”，每一行都按这所学校导入。</source>
        <translation>The sheet&apos;s title names the school &quot;%1&quot;; every row is imported for this school.</translation>
    </message>
    <message>
        <source>还没有对应的必填项：%1</source>
        <translation>Required fields without a column: %1</translation>
    </message>
    <message>
        <source>这些项目选给了不止一列：%1</source>
        <translation>Fields chosen for more than one column: %1</translation>
    </message>
    <message>
        <source>正在按所选的列读取……</source>
        <translation>Reading the chosen columns...</translation>
    </message>
    <message>
        <source>正在检查每一行……</source>
        <translation>Checking every row...</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>提示：</source>
        <translation>Note: </translation>
    </message>
    <message>
        <source>第四步：检查导入预览</source>
        <translation>Step 4: check the preview</translation>
    </message>
    <message>
        <source>下面是导入后台账会发生的变化。现在数据库还没有任何改动，点“开始导入”才会写入。</source>
        <translation>Below is what the import will change in the register. Nothing has been written yet; the database changes only when you click &quot;Import&quot;.</translation>
    </message>
    <message>
        <source>台账中还没有的学校和班级</source>
        <translation>Schools and classes not yet in the register</translation>
    </message>
    <message>
        <source>把未导入的行保存为表格…</source>
        <translation>Save the rows not imported as a spreadsheet...</translation>
    </message>
    <message>
        <source>保存后可以发回学校修改：原来的行、有问题的单元格标红，并写明原因。</source>
        <translation>Send it back to the school to correct: the original rows, with the problem cells marked red and the reason written beside them.</translation>
    </message>
    <message>
        <source>新学校 %1 所：%2</source>
        <translation>New schools (%1): %2</translation>
    </message>
    <message>
        <source>新乡镇 %1 个：%2</source>
        <translation>New townships (%1): %2</translation>
    </message>
    <message>
        <source>新</source>
        <translation>New </translation>
    </message>
    <message numerus="yes">
        <source>已按上次确认的对应关系填好（%n 列导入）。如有变化请修改。</source>
        <translation>
            <numerusform>Filled in as confirmed last time (%n column imported). Change it if the file has changed.</numerusform>
            <numerusform>Filled in as confirmed last time (%n columns imported). Change it if the file has changed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>已自动识别 %n 列。请逐行核对右边的选择。</source>
        <translation>
            <numerusform>%n column was recognised. Please check each choice on the right.</numerusform>
            <numerusform>%n columns were recognised. Please check each choice on the right.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>导入时添加这些学校、乡镇和班级（不添加的话，属于新学校或新乡镇的 %n 行不导入）</source>
        <translation>
            <numerusform>Add these schools, townships and classes while importing (otherwise the %n row of a new school or township is not imported)</numerusform>
            <numerusform>Add these schools, townships and classes while importing (otherwise the %n rows of new schools or townships are not imported)</numerusform>
        </translation>
    </message>
    <message>
        <source>导入时添加这些班级</source>
        <translation>Add these classes while importing</translation>
    </message>
    <message>
        <source>未导入的行（%1 行）：改正后可以再次导入，已导入的不会重复。</source>
        <translation>Rows not imported (%1): correct them and import again; rows already imported are not duplicated.</translation>
    </message>
    <message>
        <source>所有行都可以导入。</source>
        <translation>All rows can be imported.</translation>
    </message>
    <message>
        <source>等</source>
        <translation> etc.</translation>
    </message>
    <message numerus="yes">
        <source>新增 %1 人&#x3000;更新 %2 人&#x3000;无变化 %3 人&#x3000;未导入 %4 行</source>
        <translation>
            <numerusform>New: %1   Updated: %2   Unchanged: %3   Not imported: %4 row</numerusform>
            <numerusform>New: %1   Updated: %2   Unchanged: %3   Not imported: %4 rows</numerusform>
        </translation>
    </message>
    <message>
        <source>（没有需要写入的变化）</source>
        <translation>(no changes to write)</translation>
    </message>
    <message>
        <source>%1-未导入的行.xlsx</source>
        <translation>%1-rows-not-imported.xlsx</translation>
    </message>
    <message>
        <source>保存未导入的行</source>
        <translation>Save the rows not imported</translation>
    </message>
    <message>
        <source>已保存到：%1</source>
        <translation>Saved to: %1</translation>
    </message>
    <message>
        <source>第五步：写入台账</source>
        <translation>Step 5: write to the register</translation>
    </message>
    <message>
        <source>正在写入，请稍候。写入过程中可以取消，取消后数据库保持原样。</source>
        <translation>Writing, please wait. You can cancel while it writes; the database then stays as it was.</translation>
    </message>
    <message>
        <source>正在准备……</source>
        <translation>Preparing...</translation>
    </message>
    <message>
        <source>导入已完成。</source>
        <translation>Import finished.</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>未完成</source>
        <translation>Not finished</translation>
    </message>
    <message>
        <source>已取消导入，数据库没有任何改动。</source>
        <translation>Import cancelled; the database was not changed.</translation>
    </message>
    <message>
        <source>导入已取消。</source>
        <translation>Import cancelled.</translation>
    </message>
    <message>
        <source>导入没有完成，数据库没有任何改动。</source>
        <translation>The import did not finish; the database was not changed.</translation>
    </message>
    <message>
        <source>班级 %1 个：%2 %3</source>
        <translation>classes (%1): %2 %3</translation>
    </message>
    <message>
        <source>%1 %2 个</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>班级 %1 个：%2</source>
        <translation>classes (%1): %2</translation>
    </message>
    <message>
        <source>（必填）</source>
        <translation> (required)</translation>
    </message>
    <message>
        <source>%1“%2”与台账完全一致，没有需要写入的变化，数据库未改动。</source>
        <translation>%1 &quot;%2&quot; matches the register exactly; there was nothing to write and the database was not changed.</translation>
    </message>
    <message>
        <source>已导入%1“%2”。</source>
        <translation>Imported %1 &quot;%2&quot;.</translation>
    </message>
    <message numerus="yes">
        <source>新增 %1 人，更新 %2 人，无变化 %3 人，未导入 %4 行。</source>
        <translation>
            <numerusform>%1 new, %2 updated, %3 unchanged, %4 row not imported.</numerusform>
            <numerusform>%1 new, %2 updated, %3 unchanged, %4 rows not imported.</numerusform>
        </translation>
    </message>
    <message>
        <source>新添加的学校</source>
        <translation>Schools added</translation>
    </message>
    <message>
        <source>新添加的乡镇</source>
        <translation>Townships added</translation>
    </message>
    <message>
        <source>%1（%2）：%3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <source>新添加的</source>
        <translation>Added </translation>
    </message>
    <message>
        <source>导入前已备份数据库：%1</source>
        <translation>The database was backed up before the import: %1</translation>
    </message>
</context>
<context>
    <name>IndicatorDialog</name>
    <message>
        <source>指标：%1</source>
        <translation>Indicator: %1</translation>
    </message>
    <message>
        <source>范围：%1&#x3000;&#x3000;时段：%2</source>
        <translation>Scope: %1    Period: %2</translation>
    </message>
    <message>
        <source>输入</source>
        <translation>Input</translation>
    </message>
    <message>
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>统计口径：</source>
        <translation>Definition:</translation>
    </message>
    <message>
        <source>乡镇/学校</source>
        <translation>Township/school</translation>
    </message>
    <message>
        <source>分子</source>
        <translation>Numerator</translation>
    </message>
    <message>
        <source>分母</source>
        <translation>Denominator</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>各乡镇、学校：</source>
        <translation>By township and school:</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>统计口径…</source>
        <translation>Definitions...</translation>
    </message>
    <message>
        <source>各地对指标的定义不同：在这里选择本地使用的口径</source>
        <translation>Indicators are defined differently from place to place: choose the local definitions here</translation>
    </message>
</context>
<context>
    <name>LedgerExportDialog</name>
    <message>
        <source>导出台账</source>
        <translation>Export register</translation>
    </message>
    <message>
        <source>只导出在读、休学的学生</source>
        <translation>Only pupils at school or suspended</translation>
    </message>
    <message>
        <source>点“选择…”指定保存位置</source>
        <translation>Click &quot;Choose...&quot; to say where to save</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose...</translation>
    </message>
    <message>
        <source>台账：</source>
        <translation>Register:</translation>
    </message>
    <message>
        <source>乡镇：</source>
        <translation>Township:</translation>
    </message>
    <message>
        <source>学校：</source>
        <translation>School:</translation>
    </message>
    <message>
        <source>学年：</source>
        <translation>School year:</translation>
    </message>
    <message>
        <source>保存到：</source>
        <translation>Save to:</translation>
    </message>
    <message>
        <source>表格为 A4 横向打印格式：有标题、填报单位和日期，表头在每页重复。</source>
        <translation>The sheet is laid out for A4 landscape printing: a title, the reporting unit and the date, with the header repeated on every page.</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>取消导出</source>
        <translation>Cancel export</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>全部乡镇</source>
        <translation>All townships</translation>
    </message>
    <message>
        <source>本乡镇</source>
        <translation>This township</translation>
    </message>
    <message>
        <source>全部学校</source>
        <translation>All schools</translation>
    </message>
    <message>
        <source>保存台账</source>
        <translation>Save register</translation>
    </message>
    <message>
        <source>正在导出……</source>
        <translation>Exporting...</translation>
    </message>
    <message>
        <source>正在取消……</source>
        <translation>Cancelling...</translation>
    </message>
    <message numerus="yes">
        <source>已导出%1：%2 行。</source>
        <translation>
            <numerusform>Exported %1: %2 row.</numerusform>
            <numerusform>Exported %1: %2 rows.</numerusform>
        </translation>
    </message>
    <message>
        <source>文件：%1</source>
        <translation>File: %1</translation>
    </message>
    <message>
        <source>已取消导出，没有生成文件。</source>
        <translation>Export cancelled; no file was written.</translation>
    </message>
    <message>
        <source>无法写入文件：%1</source>
        <translation>Cannot write the file: %1</translation>
    </message>
    <message>
        <source>导出时出错：%1</source>
        <translation>Export failed: %1</translation>
    </message>
</context>
<context>
    <name>LettersBatch</name>
    <message>
        <source>合成一个 PDF 文件</source>
        <translation>One PDF file for all</translation>
    </message>
    <message>
        <source>每份单独一个 PDF 文件（选择文件夹）</source>
        <translation>One PDF file per letter (choose a folder)</translation>
    </message>
    <message>
        <source>责任书模板：</source>
        <translation>Letter template:</translation>
    </message>
    <message>
        <source>学年：</source>
        <translation>School year:</translation>
    </message>
    <message>
        <source>范围：</source>
        <translation>Scope:</translation>
    </message>
    <message>
        <source>输出：</source>
        <translation>Output:</translation>
    </message>
    <message>
        <source>预览样稿（不登记）</source>
        <translation>Preview a draft (not registered)</translation>
    </message>
    <message>
        <source>生成并登记…</source>
        <translation>Generate and register...</translation>
    </message>
    <message>
        <source>选择模板、学年和范围，先“预览样稿”检查，再“生成并登记”。生成后可以预览、打印。</source>
        <translation>Choose the template, school year and scope, check with &quot;Preview a draft&quot;, then &quot;Generate and register&quot;. The letters can then be previewed and printed.</translation>
    </message>
    <message>
        <source>%1（%2，第%3版）</source>
        <translation>%1 (%2, version %3)</translation>
    </message>
    <message>
        <source>%1（全部村）</source>
        <translation>%1 (all villages)</translation>
    </message>
    <message>
        <source>%1（全部学校）</source>
        <translation>%1 (all schools)</translation>
    </message>
    <message>
        <source>%1—%2 学年</source>
        <translation>School year %1–%2</translation>
    </message>
    <message>
        <source>生成责任书</source>
        <translation>Generate letters</translation>
    </message>
    <message>
        <source>请先选择模板和范围。</source>
        <translation>Please choose a template and a scope first.</translation>
    </message>
    <message>
        <source>（</source>
        <translation> (</translation>
    </message>
    <message>
        <source>样稿_%1.pdf</source>
        <translation>draft_%1.pdf</translation>
    </message>
    <message>
        <source>选择保存责任书的文件夹</source>
        <translation>Choose the folder for the letters</translation>
    </message>
    <message>
        <source>%1学年%2_%3.pdf</source>
        <translation>%1 %2_%3.pdf</translation>
    </message>
    <message>
        <source>保存责任书</source>
        <translation>Save letters</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>正在生成责任书……</source>
        <translation>Generating the letters...</translation>
    </message>
    <message>
        <source>已取消：没有生成文件，也没有登记。</source>
        <translation>Cancelled: no file was written and nothing was registered.</translation>
    </message>
    <message>
        <source>无法写入文件：%1</source>
        <translation>Cannot write the file: %1</translation>
    </message>
    <message numerus="yes">
        <source>已生成 %n 份责任书，</source>
        <translation>
            <numerusform>%n letter generated, </numerusform>
            <numerusform>%n letters generated, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>共 %n 页。</source>
        <translation>
            <numerusform>%n page in all.</numerusform>
            <numerusform>%n pages in all.</numerusform>
        </translation>
    </message>
    <message>
        <source>这是样稿：没有编号，也没有登记。</source>
        <translation>This is a draft: no numbers, nothing registered.</translation>
    </message>
    <message>
        <source>新登记 %1 份，重新打印 %2 份。</source>
        <translation>%1 newly registered, %2 reprinted.</translation>
    </message>
    <message>
        <source>编号 %1 至 %2。</source>
        <translation>Numbers %1 to %2.</translation>
    </message>
    <message>
        <source>文件保存在：%1</source>
        <translation>Files saved in: %1</translation>
    </message>
    <message>
        <source>文件：%1</source>
        <translation>File: %1</translation>
    </message>
    <message>
        <source>未生成：%1</source>
        <translation>Not generated: %1</translation>
    </message>
    <message>
        <source>注意：%1</source>
        <translation>Note: %1</translation>
    </message>
</context>
<context>
    <name>LettersPage</name>
    <message>
        <source>控辍责任状</source>
        <translation>Responsibility letters</translation>
    </message>
    <message>
        <source>生成与打印</source>
        <translation>Generate and print</translation>
    </message>
    <message>
        <source>签订登记</source>
        <translation>Signing register</translation>
    </message>
    <message>
        <source>责任书模板</source>
        <translation>Letter templates</translation>
    </message>
    <message>
        <source>补全责任书文件</source>
        <translation>Complete letter files</translation>
    </message>
    <message>
        <source>正在补全上次中断时没有写完的责任书文件……</source>
        <translation>Completing the letter files left unfinished by an interruption…</translation>
    </message>
</context>
<context>
    <name>LettersRegister</name>
    <message>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>学年</source>
        <translation>School year</translation>
    </message>
    <message>
        <source>甲方</source>
        <translation>Party A</translation>
    </message>
    <message>
        <source>乙方</source>
        <translation>Party B</translation>
    </message>
    <message>
        <source>班级/对象</source>
        <translation>Class / subject</translation>
    </message>
    <message>
        <source>名单人数</source>
        <translation>Pupils listed</translation>
    </message>
    <message>
        <source>模板版本</source>
        <translation>Template version</translation>
    </message>
    <message>
        <source>第%1版</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>发放日期</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <source>签回日期</source>
        <translation>Signed on</translation>
    </message>
    <message>
        <source>扫描件</source>
        <translation>Scan</translation>
    </message>
    <message>
        <source>有</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>考核结果</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>登记签回</source>
        <translation>Record signed letter</translation>
    </message>
    <message>
        <source>责任书：%1（%2）</source>
        <translation>Letter: %1 (%2)</translation>
    </message>
    <message>
        <source>签回日期：</source>
        <translation>Signed on:</translation>
    </message>
    <message>
        <source>（还没有选择）</source>
        <translation>(none chosen yet)</translation>
    </message>
    <message>
        <source>选择扫描件或照片…</source>
        <translation>Choose a scan or photo...</translation>
    </message>
    <message>
        <source>扫描件：</source>
        <translation>Scan:</translation>
    </message>
    <message>
        <source>选择签回责任书的扫描件</source>
        <translation>Choose the scan of the signed letter</translation>
    </message>
    <message>
        <source>扫描件 (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</source>
        <translation>Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</translation>
    </message>
    <message>
        <source>年度考核</source>
        <translation>Yearly assessment</translation>
    </message>
    <message>
        <source>责任书：%1（%2 %3）</source>
        <translation>Letter: %1 (%2 %3)</translation>
    </message>
    <message>
        <source>考核结果：</source>
        <translation>Assessment:</translation>
    </message>
    <message>
        <source>不合格或一票否决时必须写明原因，例如：班级出现学生辍学且未按规定家访</source>
        <translation>A fail or a one-vote veto needs a reason, e.g. a pupil of the class dropped out and the home visits were not made as required</translation>
    </message>
    <message>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>请写明“%1”的原因。</source>
        <translation>Please give the reason for &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>扫描件：%1</source>
        <translation>Scan: %1</translation>
    </message>
    <message>
        <source>无法显示这个文件（%1），请另存后用其他程序打开。</source>
        <translation>This file cannot be shown (%1); save it and open it with another program.</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>只看未签回</source>
        <translation>Not signed yet only</translation>
    </message>
    <message>
        <source>编号、姓名（可用扫码枪扫责任书上的二维码）</source>
        <translation>Number or name (or scan the letter&apos;s QR code)</translation>
    </message>
    <message>
        <source>登记签回…</source>
        <translation>Record signed...</translation>
    </message>
    <message>
        <source>查看扫描件</source>
        <translation>View scan</translation>
    </message>
    <message>
        <source>考核…</source>
        <translation>Assess...</translation>
    </message>
    <message>
        <source>重新打印所选</source>
        <translation>Reprint selected</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export to Excel...</translation>
    </message>
    <message>
        <source>全部学年</source>
        <translation>All school years</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 份</source>
        <translation>
            <numerusform>%n letter</numerusform>
            <numerusform>%n letters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>重新打印 %n 份（各按登记时的模板版本）。</source>
        <translation>
            <numerusform>%n letter reprinted (with the template version it was registered with).</numerusform>
            <numerusform>%n letters reprinted (each with the template version it was registered with).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>已导出 %n 份责任书的登记：%1</source>
        <translation>
            <numerusform>Exported the register of %n letter: %1</numerusform>
            <numerusform>Exported the register of %n letters: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>查找责任书</source>
        <translation>Find letter</translation>
    </message>
    <message>
        <source>重新打印_%1.pdf</source>
        <translation>reprint_%1.pdf</translation>
    </message>
    <message>
        <source>重新打印</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <source>正在生成……</source>
        <translation>Generating...</translation>
    </message>
    <message>
        <source>导出责任状登记表</source>
        <translation>Export the letters register</translation>
    </message>
    <message>
        <source>责任状登记表.xlsx</source>
        <translation>responsibility-letters.xlsx</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
</context>
<context>
    <name>LettersTemplates</name>
    <message>
        <source>每行一段。{学校名称} 等占位符会换成每份责任书自己的内容；单独一行 {学生名单} 是学生名单表格。以“一、”“（一）”开头的行是条款。行首可加：【标题】【副标题】【顶格】【居右】【附件】【分页】【签名栏】。</source>
        <translation>One paragraph per line. Placeholders such as {学校名称} are replaced by each letter&apos;s own details; {学生名单} on a line of its own is the table of pupils. Lines starting with &quot;一、&quot; or &quot;（一）&quot; are clauses. A line may start with 【标题】 (title), 【副标题】 (subtitle), 【顶格】 (no indent), 【居右】 (right-aligned), 【附件】 (attachment), 【分页】 (page break) or 【签名栏】 (signatures).</translation>
    </message>
    <message>
        <source>新建模板</source>
        <translation>New template</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>恢复默认内容</source>
        <translation>Restore default text</translation>
    </message>
    <message>
        <source>保存（新版本）</source>
        <translation>Save (new version)</translation>
    </message>
    <message>
        <source>另存为新模板…</source>
        <translation>Save as new template...</translation>
    </message>
    <message>
        <source>重新编号条款</source>
        <translation>Renumber clauses</translation>
    </message>
    <message>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>类别：</source>
        <translation>Type:</translation>
    </message>
    <message>
        <source>%1
%2 · 第%3版</source>
        <translation>%1
%2 · version %3</translation>
    </message>
    <message>
        <source> · 自带</source>
        <translation> · built-in</translation>
    </message>
    <message>
        <source>第%1版 %2</source>
        <translation>Version %1 %2</translation>
    </message>
    <message>
        <source>新模板</source>
        <translation>New template</translation>
    </message>
    <message>
        <source>插入占位符…</source>
        <translation>Insert placeholder...</translation>
    </message>
    <message>
        <source>模板</source>
        <translation>template</translation>
    </message>
    <message>
        <source>%1_预览.pdf</source>
        <translation>%1_preview.pdf</translation>
    </message>
    <message>
        <source>预览失败：%1</source>
        <translation>Preview failed: %1</translation>
    </message>
    <message>
        <source>%1（副本）</source>
        <translation>%1 (copy)</translation>
    </message>
    <message>
        <source>不能保存模板</source>
        <translation>Cannot save the template</translation>
    </message>
    <message>
        <source>模板里有错误，已用红色标出：
%1</source>
        <translation>The template has errors, marked in red:
%1</translation>
    </message>
    <message>
        <source>删除模板</source>
        <translation>Delete template</translation>
    </message>
    <message>
        <source>删除模板“%1”？已打印的责任书不受影响。</source>
        <translation>Delete the template &quot;%1&quot;? Letters already printed are not affected.</translation>
    </message>
    <message>
        <source>把“%1”恢复为软件自带的内容（保存为新版本）？</source>
        <translation>Restore &quot;%1&quot; to the built-in text (saved as a new version)?</translation>
    </message>
</context>
<context>
    <name>ListDialog</name>
    <message>
        <source>双击一行打开：有个案的打开个案，学生打开学籍信息，儿童打开登记信息。</source>
        <translation>Double-click a row to open it: the case where there is one, else the pupil&apos;s record or the child&apos;s registration.</translation>
    </message>
    <message>
        <source>只列出前 %1 条（共 %2 条）。</source>
        <translation>Only the first %1 of %2 are listed.</translation>
    </message>
    <message>
        <source>没有记录。</source>
        <translation>No records.</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>登录 — %1</source>
        <translation>Log in — %1</translation>
    </message>
    <message>
        <source>选择或输入用户名</source>
        <translation>Choose or type a user name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>演示账户：demo（管理员）、principal（校长）、teacher（教师），密码都是 %1</source>
        <translation>Demo accounts: demo (administrator), principal (principal), teacher (teacher); the password of each is %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>待办事项</source>
        <translation>To-do</translation>
    </message>
    <message>
        <source>学生台账</source>
        <translation>Student records</translation>
    </message>
    <message>
        <source>适龄儿童台账</source>
        <translation>School-age children</translation>
    </message>
    <message>
        <source>核查比对</source>
        <translation>Cross-check</translation>
    </message>
    <message>
        <source>月报</source>
        <translation>Monthly reports</translation>
    </message>
    <message>
        <source>控辍责任状</source>
        <translation>Responsibility letters</translation>
    </message>
    <message>
        <source>账户管理</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>数据看板</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>站点：%1（%2）</source>
        <translation>Site: %1 (%2)</translation>
    </message>
    <message>
        <source>当前用户：%1（%2）</source>
        <translation>User: %1 (%2)</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>导入名册…</source>
        <translation>Import roster...</translation>
    </message>
    <message>
        <source>导出台账…</source>
        <translation>Export register...</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print...</translation>
    </message>
    <message>
        <source>备份与恢复…</source>
        <translation>Backup and restore...</translation>
    </message>
    <message>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>界面语言和字体大小</source>
        <translation>Interface language and font size</translation>
    </message>
    <message>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>个案(&amp;C)</source>
        <translation>&amp;Cases</translation>
    </message>
    <message>
        <source>登记缺课…</source>
        <translation>Record absence...</translation>
    </message>
    <message>
        <source>学生无故没来上学：登记后系统提醒按时走访</source>
        <translation>A pupil is absent without reason: once recorded, the system reminds you to visit on time</translation>
    </message>
    <message>
        <source>登记家访…</source>
        <translation>Record home visit...</translation>
    </message>
    <message>
        <source>预警规则与校历…</source>
        <translation>Warning rules and school calendar...</translation>
    </message>
    <message>
        <source>账户(&amp;U)</source>
        <translation>&amp;User</translation>
    </message>
    <message>
        <source>修改密码…</source>
        <translation>Change password...</translation>
    </message>
    <message>
        <source>退出登录</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>关闭窗口，换其他人登录</source>
        <translation>Close the window so that someone else can log in</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>关于(&amp;A)</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>这一页没有可以打印的内容。责任状、通知书等文书生成后在预览中打印。</source>
        <translation>This page has nothing to print. Letters, notices and other documents are printed from their preview once generated.</translation>
    </message>
    <message>
        <source>家访已登记。</source>
        <translation>Home visit recorded.</translation>
    </message>
    <message>
        <source>密码已修改。</source>
        <translation>Password changed.</translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <source>发出日期</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <source>返校期限</source>
        <translation>Return by</translation>
    </message>
    <message>
        <source>监护人</source>
        <translation>Guardian</translation>
    </message>
    <message>
        <source>发文单位</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>补充说明</source>
        <translation>Additional notes</translation>
    </message>
    <message>
        <source>可不填；会印在通知书正文后</source>
        <translation>Optional; printed after the notice&apos;s text</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>正在打印……</source>
        <translation>Printing...</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>打印机无法开始打印，请检查打印机是否连接、是否有纸。</source>
        <translation>The printer could not start printing. Please check that it is connected and has paper.</translation>
    </message>
    <message>
        <source>文档.pdf</source>
        <translation>document.pdf</translation>
    </message>
    <message>
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
    <message>
        <source>共 0 页</source>
        <translation>0 pages</translation>
    </message>
    <message>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print...</translation>
    </message>
    <message>
        <source>另存为 PDF…</source>
        <translation>Save as PDF...</translation>
    </message>
    <message>
        <source>本机缺少 PDF 预览组件（QtPdf），请用“另存为 PDF”保存后用其他程序打开。</source>
        <translation>The PDF preview component (QtPdf) is missing on this computer. Use &quot;Save as PDF&quot; and open the file with another program.</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 页</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <source>导入预览：%1</source>
        <translation>Import preview: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;回执&lt;/b&gt;：“%1”确认收到本站点发出的第 %2 号同步包。导入后，这些变更不会再重复发送。</source>
        <translation>&lt;b&gt;Receipt&lt;/b&gt;: &quot;%1&quot; confirms it received sync package no. %2 from this site. Once it is imported, these changes are not sent again.</translation>
    </message>
    <message>
        <source>导入回执</source>
        <translation>Import receipt</translation>
    </message>
    <message>
        <source>这份回执已经导入过，再次导入不会有任何改动。</source>
        <translation>This receipt was imported before; importing it again changes nothing.</translation>
    </message>
    <message>
        <source>&lt;b&gt;同步包&lt;/b&gt;：来自“%1”，第 %2 号。</source>
        <translation>&lt;b&gt;Sync package&lt;/b&gt; no. %2 from &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>&lt;b&gt;同步包&lt;/b&gt;：来自“%1”，第 %2 号。导入前不会改动任何数据；点“应用”后一次性全部写入。</source>
        <translation>&lt;b&gt;Sync package&lt;/b&gt; no. %2 from &quot;%1&quot;. Nothing is changed before you click &quot;Apply&quot;; then everything is written at once.</translation>
    </message>
    <message>
        <source>这个同步包已经导入过，再次导入不会改动任何数据；可以再写一份回执（例如回执丢了）。</source>
        <translation>This sync package was imported before; importing it again changes no data, but it can write the receipt again (e.g. if the receipt was lost).</translation>
    </message>
    <message>
        <source>重新写出回执</source>
        <translation>Write the receipt again</translation>
    </message>
    <message numerus="yes">
        <source>有 %n 处冲突：同一项内容在两个站点都改过。程序按时间先后自动选定一个值（各站点选得一样），另一个值保留在“冲突”标签页里，导入后可以在那里改用它。</source>
        <translation>
            <numerusform>%n conflict: the same item was changed at both sites. The program picks one value by time (every site picks the same one) and keeps the other on the &quot;Conflicts&quot; tab, where you can switch to it after the import.</numerusform>
            <numerusform>%n conflicts: the same item was changed at both sites. The program picks one value by time (every site picks the same one) and keeps the other on the &quot;Conflicts&quot; tab, where you can switch to it after the import.</numerusform>
        </translation>
    </message>
    <message>
        <source>应用</source>
        <translation>Apply</translation>
    </message>
    <message>
        <source>更改…</source>
        <translation>Change...</translation>
    </message>
    <message>
        <source>回执保存到：</source>
        <translation>Save the receipt to:</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ReferralDialog</name>
    <message>
        <source>请选择部门</source>
        <translation>Choose a department</translation>
    </message>
    <message>
        <source>转介给</source>
        <translation>Refer to</translation>
    </message>
    <message>
        <source>转介日期</source>
        <translation>Referred on</translation>
    </message>
    <message>
        <source>请求事项</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>请对方做什么</source>
        <translation>What the department is asked to do</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <source>正在统计人数…</source>
        <translation>Counting...</translation>
    </message>
    <message numerus="yes">
        <source>共 %1 人</source>
        <translation>
            <numerusform>%1 pupil</numerusform>
            <numerusform>%1 pupils</numerusform>
        </translation>
    </message>
    <message>
        <source>学生台账</source>
        <translation>Student records</translation>
    </message>
    <message>
        <source>新增学生</source>
        <translation>New pupil</translation>
    </message>
    <message>
        <source>登记一名新学生（Ctrl+N）</source>
        <translation>Register a new pupil (Ctrl+N)</translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>查看</source>
        <translation>View</translation>
    </message>
    <message>
        <source>查看和修改所选学生的信息（也可以双击表格中的学生）</source>
        <translation>View and edit the selected pupil (or double-click the pupil in the table)</translation>
    </message>
    <message>
        <source>学籍异动</source>
        <translation>Status change</translation>
    </message>
    <message>
        <source>为所选学生办理转入、转出、休学、复学、辍学等</source>
        <translation>Record a transfer in or out, suspension, resumption, dropout... for the selected pupil</translation>
    </message>
    <message>
        <source>姓名、拼音首字母、全拼、身份证件号或学籍号</source>
        <translation>Name, pinyin initials, full pinyin, ID number or student number</translation>
    </message>
    <message>
        <source>输入后自动查找（Ctrl+F）</source>
        <translation>Searches as you type (Ctrl+F)</translation>
    </message>
    <message>
        <source>乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <source>学校</source>
        <translation>School</translation>
    </message>
    <message>
        <source>年级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>特殊群体：</source>
        <translation>Special groups:</translation>
    </message>
    <message>
        <source>只看%1学生（可多选，同时满足）</source>
        <translation>Only %1 pupils (several may be ticked; all must apply)</translation>
    </message>
    <message>
        <source>全部乡镇</source>
        <translation>All townships</translation>
    </message>
    <message>
        <source>全部年级</source>
        <translation>All grades</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>全部学校</source>
        <translation>All schools</translation>
    </message>
</context>
<context>
    <name>ReopenDialog</name>
    <message>
        <source>再次缺课开始</source>
        <translation>Absent again since</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>回执</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>同步包</source>
        <translation>Sync package</translation>
    </message>
    <message>
        <source>%1 第 %2 号</source>
        <translation>%1 no. %2</translation>
    </message>
    <message>
        <source>方向：</source>
        <translation>Direction:</translation>
    </message>
    <message>
        <source>发给</source>
        <translation>Sent to</translation>
    </message>
    <message>
        <source>来自</source>
        <translation>From</translation>
    </message>
    <message>
        <source>对方站点：</source>
        <translation>Other site:</translation>
    </message>
    <message>
        <source>时间：</source>
        <translation>Time:</translation>
    </message>
    <message>
        <source>操作人：</source>
        <translation>By:</translation>
    </message>
    <message>
        <source>文件名：</source>
        <translation>File name:</translation>
    </message>
    <message>
        <source>完整</source>
        <translation>Full</translation>
    </message>
    <message>
        <source>增量</source>
        <translation>Incremental</translation>
    </message>
    <message>
        <source>内容：</source>
        <translation>Contents:</translation>
    </message>
    <message numerus="yes">
        <source>%1，变更序号 %2–%3，共 %4 行</source>
        <translation>
            <numerusform>%1, changes %2–%3, %4 row</numerusform>
            <numerusform>%1, changes %2–%3, %4 rows</numerusform>
        </translation>
    </message>
    <message>
        <source>确认收到第 %1 号同步包。</source>
        <translation>Confirms receipt of sync package no. %1.</translation>
    </message>
    <message numerus="yes">
        <source>导入时发现 %n 处冲突（见“冲突”标签页）。</source>
        <translation>
            <numerusform>%n conflict found during the import (see the &quot;Conflicts&quot; tab).</numerusform>
            <numerusform>%n conflicts found during the import (see the &quot;Conflicts&quot; tab).</numerusform>
        </translation>
    </message>
    <message>
        <source>没有数据变更。</source>
        <translation>No data changes.</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <source>保存月报</source>
        <translation>Save monthly report</translation>
    </message>
    <message>
        <source>月报</source>
        <translation>Monthly reports</translation>
    </message>
    <message>
        <source>yyyy年M月</source>
        <translation>MMMM yyyy</translation>
    </message>
    <message>
        <source>月份：</source>
        <translation>Month:</translation>
    </message>
    <message>
        <source>单位：</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <source>学籍变动月报和辍学情况月报</source>
        <translation>Monthly status-change and dropout reports</translation>
    </message>
    <message>
        <source>学籍变动月报</source>
        <translation>Monthly status-change report</translation>
    </message>
    <message>
        <source>辍学情况月报</source>
        <translation>Monthly dropout report</translation>
    </message>
    <message>
        <source>报表：</source>
        <translation>Report:</translation>
    </message>
    <message>
        <source>生成</source>
        <translation>Generate</translation>
    </message>
    <message>
        <source>导出 Excel</source>
        <translation>Export Excel</translation>
    </message>
    <message>
        <source>导出 PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>选择月份和单位后点“生成”。各数由学籍异动和控辍个案的历史重新计算。</source>
        <translation>Choose the month and unit, then click &quot;Generate&quot;. Every figure is computed again from the history of status changes and dropout cases.</translation>
    </message>
    <message>
        <source>全市汇总</source>
        <translation>Whole city</translation>
    </message>
    <message>
        <source>正在根据历史记录统计……</source>
        <translation>Counting from the history...</translation>
    </message>
    <message>
        <source>（导出和打印的是数据核对清单，不是月报。）</source>
        <translation>(What is exported and printed is the data check list, not the monthly report.)</translation>
    </message>
    <message>
        <source>注：%1</source>
        <translation>Note: %1</translation>
    </message>
    <message>
        <source>%1月报%2</source>
        <translation>%1 monthly report%2</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <source>正在写入……</source>
        <translation>Writing...</translation>
    </message>
    <message>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <source>无法写入“%1”：%2</source>
        <translation>Cannot write &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>请先选择月份和单位，点“生成”，再打印。</source>
        <translation>Choose the month and unit and click &quot;Generate&quot; first, then print.</translation>
    </message>
</context>
<context>
    <name>ReportSentDialog</name>
    <message>
        <source>报送日期</source>
        <translation>Sent on</translation>
    </message>
    <message>
        <source>报送给</source>
        <translation>Sent to</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>为“%1”设置一个临时密码，告诉本人。对方下次登录时必须改成自己的密码。</source>
        <translation>Set a temporary password for &quot;%1&quot; and tell them. At their next login they must change it to a password of their own.</translation>
    </message>
    <message>
        <source>至少 6 个字符</source>
        <translation>At least 6 characters</translation>
    </message>
    <message>
        <source>临时密码：</source>
        <translation>Temporary password:</translation>
    </message>
    <message>
        <source>再输一次：</source>
        <translation>Repeat password:</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords do not match</translation>
    </message>
</context>
<context>
    <name>RestoreConfirmDialog</name>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>&lt;b&gt;请核对这份备份：&lt;/b&gt;</source>
        <translation>&lt;b&gt;Please check this backup:&lt;/b&gt;</translation>
    </message>
    <message>
        <source>恢复后，数据库会回到备份时的样子，备份之后的修改将不在其中。现在的数据库会另存到备份文件夹，不会丢失。</source>
        <translation>After restoring, the database is as it was when the backup was made; changes made since are not in it. The current database is saved to the backup folder, so nothing is lost.</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>返校日期</source>
        <translation>Back at school on</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>学生尚未列为疑似辍学，登记返校后个案自动结束。</source>
        <translation>The pupil is not yet a suspected dropout; recording the return closes the case.</translation>
    </message>
</context>
<context>
    <name>ServiceErrors</name>
    <message>
        <source>没有权限</source>
        <translation>Not permitted</translation>
    </message>
    <message>
        <source>请检查填写的内容</source>
        <translation>Please check what you entered</translation>
    </message>
    <message>
        <source>找不到记录</source>
        <translation>Record not found</translation>
    </message>
    <message>
        <source>无法完成</source>
        <translation>Could not be done</translation>
    </message>
</context>
<context>
    <name>SessionTitle</name>
    <message>
        <source>%1 — %2 — %3（%4）</source>
        <translation>%1 — %2 — %3 (%4)</translation>
    </message>
    <message>
        <source>【演示模式：数据均为虚构】</source>
        <translation> [Demo mode: all data is invented]</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>更改语言后，需要重新启动程序才能生效。</source>
        <translation>A change of language takes effect when the program is started again.</translation>
    </message>
    <message>
        <source>语言：</source>
        <translation>Language:</translation>
    </message>
    <message>
        <source>字体大小</source>
        <translation>Font size</translation>
    </message>
    <message>
        <source>字号示例：金河镇中心学校 三年级（2）班 王丽</source>
        <translation>Sample: Jinhe Central School, Grade 3 Class 2, Wang Li</translation>
    </message>
    <message>
        <source>立即生效，适用于所有窗口。眼睛累或屏幕小时可选“大”或“特大”。</source>
        <translation>Applies at once to every window. Choose “Large” or “Extra large” for tired eyes or small screens.</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>语言已保存。请关闭程序再重新打开，新的语言才会生效。</source>
        <translation>Language saved. Close the program and open it again to use the new language.</translation>
    </message>
</context>
<context>
    <name>SitePage</name>
    <message>
        <source>第一步：本机所在单位</source>
        <translation>Step 1: where this computer is used</translation>
    </message>
    <message>
        <source>以后导出、同步数据和打印文书时会用到这些信息。</source>
        <translation>These details are used when exporting, syncing data and printing documents.</translation>
    </message>
    <message>
        <source>例如：金河镇教育办、金河镇中心学校</source>
        <translation>e.g. 金河镇教育办 (Jinhe township education office), 金河镇中心学校</translation>
    </message>
    <message>
        <source>例如：金河镇</source>
        <translation>e.g. 金河镇 (Jinhe township)</translation>
    </message>
    <message>
        <source>例如：金河镇中心学校</source>
        <translation>e.g. 金河镇中心学校 (Jinhe central school)</translation>
    </message>
    <message>
        <source>单位名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>单位类型：</source>
        <translation>Type:</translation>
    </message>
    <message>
        <source>所属乡镇：</source>
        <translation>Township:</translation>
    </message>
    <message>
        <source>学校名称：</source>
        <translation>School name:</translation>
    </message>
    <message>
        <source>请填写单位名称</source>
        <translation>Please enter the name</translation>
    </message>
    <message>
        <source>学校和乡镇需要填写所属乡镇</source>
        <translation>A school or township needs its township</translation>
    </message>
    <message>
        <source>学校需要填写学校名称</source>
        <translation>A school needs its school name</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>正在准备演示数据</source>
        <translation>Preparing demo data</translation>
    </message>
    <message>
        <source>正在生成演示数据库，请稍候……</source>
        <translation>Creating the demo database, please wait...</translation>
    </message>
    <message>
        <source>无法创建演示数据</source>
        <translation>Cannot create the demo data</translation>
    </message>
    <message>
        <source>创建演示数据库时出错：%1</source>
        <translation>Creating the demo database failed: %1</translation>
    </message>
    <message>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
</context>
<context>
    <name>StatusChangeDialog</name>
    <message>
        <source>证明材料 (*.pdf *.jpg *.jpeg *.png *.bmp *.tif *.tiff *.doc *.docx);;所有文件 (*)</source>
        <translation>Proof documents (*.pdf *.jpg *.jpeg *.png *.bmp *.tif *.tiff *.doc *.docx);;All files (*)</translation>
    </message>
    <message>
        <source>选择证明材料（扫描件或照片）</source>
        <translation>Choose proof documents (scans or photos)</translation>
    </message>
    <message>
        <source>确定办理</source>
        <translation>Record change</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>学籍异动：%1</source>
        <translation>Status change: %1</translation>
    </message>
    <message>
        <source>学生：%1&#x3000;&#x3000;当前状态：%2</source>
        <translation>Pupil: %1    Current status: %2</translation>
    </message>
    <message>
        <source>请选择异动类型</source>
        <translation>Choose the kind of change</translation>
    </message>
    <message>
        <source>该学生当前为“%1”，不能再办理学籍异动。</source>
        <translation>This pupil&apos;s status is &quot;%1&quot;; no further status change can be recorded.</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; 转学范围</source>
        <translation>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; Transfer range</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Please choose</translation>
    </message>
    <message>
        <source>办理“%1”可以不上传证明材料；有相关材料的，建议一并上传。</source>
        <translation>&quot;%1&quot; can be recorded without proof documents; if there are any, it is best to add them.</translation>
    </message>
    <message>
        <source>请先选择异动类型。</source>
        <translation>Please choose the kind of change first.</translation>
    </message>
    <message>
        <source>请填写异动原因</source>
        <translation>Please give the reason for the change</translation>
    </message>
    <message>
        <source>转出请填写转入学校</source>
        <translation>A transfer out needs the new school</translation>
    </message>
    <message>
        <source>请选择转学范围（县内、市内、省内或跨省）</source>
        <translation>Choose the transfer range (within the county, city or province, or to another province)</translation>
    </message>
    <message>
        <source>转入请填写原学校</source>
        <translation>A transfer in needs the previous school</translation>
    </message>
    <message>
        <source>办理“%1”需要上传证明材料（扫描件或照片）</source>
        <translation>&quot;%1&quot; needs proof documents (scans or photos)</translation>
    </message>
    <message>
        <source>学籍异动</source>
        <translation>Status change</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; 异动类型</source>
        <translation>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; Kind of change</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; 异动日期</source>
        <translation>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; Date</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; 异动原因</source>
        <translation>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; Reason</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; 原学校</source>
        <translation>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; Previous school</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; 转入学校</source>
        <translation>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; New school</translation>
    </message>
    <message>
        <source>证明材料</source>
        <translation>Proof documents</translation>
    </message>
    <message>
        <source>添加证明材料…</source>
        <translation>Add proof documents...</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
</context>
<context>
    <name>StudentForm</name>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Please choose</translation>
    </message>
    <message>
        <source>请选择学校</source>
        <translation>Choose a school</translation>
    </message>
    <message>
        <source>未分班</source>
        <translation>No class</translation>
    </message>
    <message>
        <source> 班</source>
        <translation> </translation>
    </message>
    <message>
        <source>未填写</source>
        <translation>Not filled in</translation>
    </message>
    <message>
        <source>（未填写）</source>
        <translation>(not filled in)</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>（未指定）</source>
        <translation>(not assigned)</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>证明材料</source>
        <translation>Proof documents</translation>
    </message>
    <message>
        <source>新增学生</source>
        <translation>New pupil</translation>
    </message>
    <message>
        <source>编辑学生：%1（%2）</source>
        <translation>Edit pupil: %1 (%2)</translation>
    </message>
    <message>
        <source>保存前还需填写或更正：%1</source>
        <translation>Fill in or correct before saving: %1</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>学生信息</source>
        <translation>Pupil</translation>
    </message>
    <message>
        <source>基本信息</source>
        <translation>Basic details</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; 姓名</source>
        <translation>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; Name</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; 性别</source>
        <translation>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; Sex</translation>
    </message>
    <message>
        <source>证件类型</source>
        <translation>ID type</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; 身份证件号</source>
        <translation>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; ID number</translation>
    </message>
    <message>
        <source>18位，最后一位可以是X</source>
        <translation>18 characters; the last may be X</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; 出生日期</source>
        <translation>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; Date of birth</translation>
    </message>
    <message>
        <source>民族</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <source>学籍号</source>
        <translation>Student number</translation>
    </message>
    <message>
        <source>G加身份证件号，可不填</source>
        <translation>G followed by the ID number; optional</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; 学校</source>
        <translation>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; School</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; 年级</source>
        <translation>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; Grade</translation>
    </message>
    <message>
        <source>班级</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>入学日期</source>
        <translation>Enrolled on</translation>
    </message>
    <message>
        <source>寄宿生</source>
        <translation>Boarder</translation>
    </message>
    <message>
        <source>户籍与住址</source>
        <translation>Registration and address</translation>
    </message>
    <message>
        <source>户籍地址</source>
        <translation>Registered address</translation>
    </message>
    <message>
        <source>省、市、乡镇、村（社区）、门牌号</source>
        <translation>Province, city, township, village (community), house number</translation>
    </message>
    <message>
        <source>户籍所在乡镇</source>
        <translation>Township of registration</translation>
    </message>
    <message>
        <source>户口性质</source>
        <translation>Household type</translation>
    </message>
    <message>
        <source>现住址</source>
        <translation>Current address</translation>
    </message>
    <message>
        <source>与户籍地址相同可不填</source>
        <translation>Leave empty if the same as the registered address</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>特殊群体</source>
        <translation>Special groups</translation>
    </message>
    <message>
        <source>留守情况</source>
        <translation>Left-behind</translation>
    </message>
    <message>
        <source>亲情监护人</source>
        <translation>Caring guardian</translation>
    </message>
    <message>
        <source>为留守儿童指定的本校教师</source>
        <translation>The teacher of this school assigned to a left-behind child</translation>
    </message>
    <message>
        <source>随迁子女</source>
        <translation>Migrant child</translation>
    </message>
    <message>
        <source>脱贫户/建档立卡</source>
        <translation>Poverty-alleviation household</translation>
    </message>
    <message>
        <source>低保家庭</source>
        <translation>Subsistence-allowance family</translation>
    </message>
    <message>
        <source>孤儿</source>
        <translation>Orphan</translation>
    </message>
    <message>
        <source>残疾类型</source>
        <translation>Disability</translation>
    </message>
    <message>
        <source>安置方式</source>
        <translation>Arrangement</translation>
    </message>
    <message>
        <source>监护人</source>
        <translation>Guardians</translation>
    </message>
    <message>
        <source>监护人一</source>
        <translation>First guardian</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>关系</source>
        <translation>Relation</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>手机号或带区号的固定电话</source>
        <translation>Mobile number, or landline with area code</translation>
    </message>
    <message>
        <source>工作单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <source>外出务工</source>
        <translation>Working away</translation>
    </message>
    <message>
        <source>监护人二</source>
        <translation>Second guardian</translation>
    </message>
    <message>
        <source>历史</source>
        <translation>History</translation>
    </message>
    <message>
        <source>还没有记录。</source>
        <translation>No records yet.</translation>
    </message>
    <message>
        <source>修改原因</source>
        <translation>Reason for the change</translation>
    </message>
    <message>
        <source>可不填，例如：家长提供了新的户口本</source>
        <translation>Optional, e.g. the parents brought a new household register</translation>
    </message>
</context>
<context>
    <name>StudentTableModel</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>身份证件号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>学籍号</source>
        <translation>Student number</translation>
    </message>
    <message>
        <source>学校</source>
        <translation>School</translation>
    </message>
    <message>
        <source>年级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>班级</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>特殊群体</source>
        <translation>Special groups</translation>
    </message>
    <message>
        <source>%1班</source>
        <translation>Class %1</translation>
    </message>
</context>
<context>
    <name>SyncDialogs</name>
    <message>
        <source>数据</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>更新</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>未变</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>冲突</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>行数</source>
        <translation>Rows</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>SyncModels</name>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>站点</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>指纹</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <source>最近发出</source>
        <translation>Last sent</translation>
    </message>
    <message>
        <source>最近收到</source>
        <translation>Last received</translation>
    </message>
    <message>
        <source>对方已确认</source>
        <translation>Confirmed by them</translation>
    </message>
    <message>
        <source>待发变更</source>
        <translation>Changes to send</translation>
    </message>
    <message>
        <source>第 %1 号，%2</source>
        <translation>No. %1, %2</translation>
    </message>
    <message>
        <source>尚无</source>
        <translation>None yet</translation>
    </message>
    <message>
        <source>第 %1 号（变更序号 %2），%3</source>
        <translation>No. %1 (change %2), %3</translation>
    </message>
    <message>
        <source>尚未确认</source>
        <translation>Not confirmed yet</translation>
    </message>
    <message numerus="yes">
        <source>约 %1 行</source>
        <translation>
            <numerusform>about %1 row</numerusform>
            <numerusform>about %1 rows</numerusform>
        </translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>对方站点</source>
        <translation>Other site</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Contents</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <source>发出</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>收到</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>回执</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>确认第 %1 号同步包</source>
        <translation>Confirms sync package no. %1</translation>
    </message>
    <message>
        <source>完整同步包</source>
        <translation>Full sync package</translation>
    </message>
    <message>
        <source>同步包</source>
        <translation>Sync package</translation>
    </message>
    <message numerus="yes">
        <source>%1 行</source>
        <translation>
            <numerusform>%1 row</numerusform>
            <numerusform>%1 rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>，冲突 %n 处</source>
        <translation>
            <numerusform>, %n conflict</numerusform>
            <numerusform>, %n conflicts</numerusform>
        </translation>
    </message>
    <message>
        <source>第 %1 号</source>
        <translation>No. %1</translation>
    </message>
    <message>
        <source>数据</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>当前值（自动选定）</source>
        <translation>Current value (picked automatically)</translation>
    </message>
    <message>
        <source>来自</source>
        <translation>From</translation>
    </message>
    <message>
        <source>另一个值</source>
        <translation>Other value</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>其他站点</source>
        <translation>Other site</translation>
    </message>
    <message>
        <source>待处理</source>
        <translation>To review</translation>
    </message>
    <message>
        <source>已处理：改用另一个值</source>
        <translation>Reviewed: switched to the other value</translation>
    </message>
    <message>
        <source>已处理：保留当前值</source>
        <translation>Reviewed: current value kept</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>同步包-%1-至-%2-第%3号</source>
        <translation>sync-%1-to-%2-no%3</translation>
    </message>
    <message>
        <source>回执-%1-至-%2-第%3号</source>
        <translation>receipt-%1-to-%2-no%3</translation>
    </message>
    <message>
        <source>本站点：%1（%2）</source>
        <translation>This site: %1 (%2)</translation>
    </message>
    <message>
        <source>这个数据库还没有设置站点，不能同步。</source>
        <translation>This database has no site set up, so it cannot sync.</translation>
    </message>
    <message>
        <source>没有网络也能同步：先互相导入站点卡片并电话核对指纹（只需一次）；以后导出同步包，用 U 盘带给对方导入，对方导入后生成回执，把回执带回来导入。同步包经过加密和签名，U 盘丢失也不会泄露数据。</source>
        <translation>Syncing works without a network. First exchange site cards and check the fingerprints by phone (once only). From then on, export a sync package, take it to the other site on a USB stick to import, and bring back and import the receipt it makes. Packages are encrypted and signed, so a lost USB stick reveals nothing.</translation>
    </message>
    <message>
        <source>导出本站卡片…</source>
        <translation>Export this site&apos;s card...</translation>
    </message>
    <message>
        <source>导入对方卡片…</source>
        <translation>Import another site&apos;s card...</translation>
    </message>
    <message>
        <source>导出同步包…</source>
        <translation>Export sync package...</translation>
    </message>
    <message>
        <source>导入同步包或回执…</source>
        <translation>Import sync package or receipt...</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>需要“配对站点、导出和导入同步包”的权限（管理员）</source>
        <translation>Needs the permission to pair sites and export and import sync packages (administrator)</translation>
    </message>
    <message>
        <source>解除配对…</source>
        <translation>Unpair…</translation>
    </message>
    <message>
        <source>对方换了电脑或重装了软件时：解除配对后重新导入对方的站点卡片</source>
        <translation>When the other site has a new computer or reinstalled the software: unpair it, then import its new site card</translation>
    </message>
    <message>
        <source>查看报告…</source>
        <translation>View report...</translation>
    </message>
    <message>
        <source>显示已处理的冲突</source>
        <translation>Show reviewed conflicts</translation>
    </message>
    <message>
        <source>保留当前值</source>
        <translation>Keep current value</translation>
    </message>
    <message>
        <source>改用另一个值</source>
        <translation>Use the other value</translation>
    </message>
    <message>
        <source>同一项内容在两个站点都改过时，程序按修改时间自动选定一个值（每个站点选得一样），另一个值保留在这里。核实后可以保留当前值，或改用另一个值；您的选择也会同步到其他站点。</source>
        <translation>When the same item was changed at two sites, the program picks one value by the time of the change (every site picks the same one) and keeps the other here. After checking, keep the current value or switch to the other; your choice is synced to the other sites too.</translation>
    </message>
    <message>
        <source>已配对站点</source>
        <translation>Paired sites</translation>
    </message>
    <message>
        <source>同步记录</source>
        <translation>Sync history</translation>
    </message>
    <message>
        <source>冲突</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>冲突（%1）</source>
        <translation>Conflicts (%1)</translation>
    </message>
    <message>
        <source>解除与“%1”的配对吗？

解除后不再接受它的同步包和回执，也不能再给它导出同步包。对方换了电脑或重装了软件时，请先电话核实，解除后重新导入它的新站点卡片并核对指纹；之后的同步包会重新带上全部记录（对方已有的记录不会重复）。</source>
        <translation>Unpair from “%1”?

After unpairing, its sync packages and receipts are no longer accepted and no packages can be exported for it. If the other site has a new computer or reinstalled the software, check by phone first, then import its new site card and compare the fingerprint; the following packages carry all records again (records it already has are not duplicated).</translation>
    </message>
    <message>
        <source>解除配对</source>
        <translation>Unpair</translation>
    </message>
    <message>
        <source>已解除与“%1”的配对。</source>
        <translation>Unpaired from “%1”.</translation>
    </message>
    <message>
        <source>同步文件被拒绝</source>
        <translation>Sync file refused</translation>
    </message>
    <message>
        <source>已取消，没有做任何改动。</source>
        <translation>Cancelled; nothing was changed.</translation>
    </message>
    <message>
        <source>站点卡片-%1</source>
        <translation>site-card-%1</translation>
    </message>
    <message>
        <source>导出本站卡片</source>
        <translation>Export this site&apos;s card</translation>
    </message>
    <message>
        <source>站点卡片 (*.kccard);;所有文件 (*)</source>
        <translation>Site cards (*.kccard);;All files (*)</translation>
    </message>
    <message>
        <source>卡片已写入：%1</source>
        <translation>Card written: %1</translation>
    </message>
    <message>
        <source>导入对方的站点卡片</source>
        <translation>Import another site&apos;s card</translation>
    </message>
    <message>
        <source>站点卡片 (*.kccard *.card *.json);;所有文件 (*)</source>
        <translation>Site cards (*.kccard *.card *.json);;All files (*)</translation>
    </message>
    <message>
        <source>已更新与“%1”的配对。</source>
        <translation>Pairing with &quot;%1&quot; updated.</translation>
    </message>
    <message>
        <source>已与“%1”配对。</source>
        <translation>Paired with &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>配对</source>
        <translation>Pairing</translation>
    </message>
    <message>
        <source>如果还没有把本站卡片交给对方，请导出本站卡片给对方导入。</source>
        <translation>If you have not given this site&apos;s card to the other site yet, export it for them to import.</translation>
    </message>
    <message>
        <source>导出同步包</source>
        <translation>Export sync package</translation>
    </message>
    <message>
        <source>还没有配对的站点：请先导入对方的站点卡片。</source>
        <translation>No paired sites yet: first import the other site&apos;s card.</translation>
    </message>
    <message>
        <source>保存同步包</source>
        <translation>Save sync package</translation>
    </message>
    <message>
        <source>同步包 (*.kcsync);;所有文件 (*)</source>
        <translation>Sync packages (*.kcsync);;All files (*)</translation>
    </message>
    <message>
        <source>正在整理要发送的数据……</source>
        <translation>Collecting the data to send...</translation>
    </message>
    <message>
        <source>完整同步包</source>
        <translation>full sync package</translation>
    </message>
    <message>
        <source>同步包</source>
        <translation>sync package</translation>
    </message>
    <message numerus="yes">
        <source>已导出发给“%1”的第 %2 号%3，共 %4 行：
%5

请把文件交给对方导入，再把对方生成的回执带回来导入。</source>
        <translation>
            <numerusform>Exported %3 no. %2 for &quot;%1&quot;, %4 row:
%5

Give the file to the other site to import, then bring back the receipt it makes and import it here.</numerusform>
            <numerusform>Exported %3 no. %2 for &quot;%1&quot;, %4 rows:
%5

Give the file to the other site to import, then bring back the receipt it makes and import it here.</numerusform>
        </translation>
    </message>
    <message>
        <source>（没有新的变更：这个同步包只告诉对方本站点的进度。）</source>
        <translation>(No new changes: this package only tells the other site how far this site has got.)</translation>
    </message>
    <message numerus="yes">
        <source>另有 %1 行不属于本站点的范围（其他学校或乡镇的记录），没有发送，仍保留在本站点。</source>
        <translation>
            <numerusform>%1 more row is outside this site&apos;s scope (a record of another school or township); it was not sent and stays at this site.</numerusform>
            <numerusform>%1 more rows are outside this site&apos;s scope (records of other schools or townships); they were not sent and stay at this site.</numerusform>
        </translation>
    </message>
    <message>
        <source>导入同步包或回执</source>
        <translation>Import sync package or receipt</translation>
    </message>
    <message>
        <source>同步包或回执 (*.kcsync);;所有文件 (*)</source>
        <translation>Sync packages or receipts (*.kcsync);;All files (*)</translation>
    </message>
    <message>
        <source>正在检查文件……</source>
        <translation>Checking the file...</translation>
    </message>
    <message>
        <source>正在导入……</source>
        <translation>Importing...</translation>
    </message>
    <message>
        <source>同步包已导入，但回执没有写成：%1</source>
        <translation>The sync package was imported, but the receipt could not be written: %1</translation>
    </message>
    <message>
        <source>请再导入一次这个同步包（不会重复改动），把回执保存到别的位置。</source>
        <translation>Import this sync package once more (nothing is changed twice) and save the receipt somewhere else.</translation>
    </message>
    <message>
        <source>请把回执文件带回“%1”，在那里导入。</source>
        <translation>Take the receipt file back to &quot;%1&quot; and import it there.</translation>
    </message>
    <message>
        <source>冲突的详细情况见“冲突”标签页。</source>
        <translation>See the &quot;Conflicts&quot; tab for the conflicts.</translation>
    </message>
    <message>
        <source>回执保存到</source>
        <translation>Save the receipt to</translation>
    </message>
    <message>
        <source>回执 (*.kcsync);;所有文件 (*)</source>
        <translation>Receipts (*.kcsync);;All files (*)</translation>
    </message>
    <message>
        <source>请先在表格中选中一行。</source>
        <translation>Select a row in the table first.</translation>
    </message>
    <message>
        <source>把这一项改为另一个值“%1”吗？这个修改会同步到其他站点。</source>
        <translation>Change this item to the other value &quot;%1&quot;? The change is synced to the other sites.</translation>
    </message>
</context>
<context>
    <name>TablePrint</name>
    <message>
        <source>筛选：%1</source>
        <translation>Filter: %1</translation>
    </message>
    <message>
        <source>筛选：无（全部）</source>
        <translation>Filter: none (all)</translation>
    </message>
    <message numerus="yes">
        <source>共 %1 条</source>
        <translation>
            <numerusform>%1 row</numerusform>
            <numerusform>%1 rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>只打印了前 %1 条（共 %2 条）。完整名单请用“文件 → 导出台账”导出后打印。</source>
        <translation>
            <numerusform>Only the first %1 of %2 row were printed. For the full list use File → Export ledger and print that.</numerusform>
            <numerusform>Only the first %1 of %2 rows were printed. For the full list use File → Export ledger and print that.</numerusform>
        </translation>
    </message>
    <message>
        <source>打印时间：%1</source>
        <translation>Printed: %1</translation>
    </message>
    <message>
        <source>无法开始打印：打印机或输出文件不可用。</source>
        <translation>Cannot start printing: the printer or output file is not available.</translation>
    </message>
    <message>
        <source>%1 · 第 %2 页，共 %3 页</source>
        <translation>%1 · page %2 of %3</translation>
    </message>
    <message>
        <source>打印%1</source>
        <translation>Print %1</translation>
    </message>
</context>
<context>
    <name>Task</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>TodoPage</name>
    <message>
        <source>学生</source>
        <translation>Pupil</translation>
    </message>
    <message>
        <source>学校、班级</source>
        <translation>School, class</translation>
    </message>
    <message>
        <source>个案状态</source>
        <translation>Case status</translation>
    </message>
    <message>
        <source>应办事项</source>
        <translation>To do</translation>
    </message>
    <message>
        <source>到期日</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>待办事项</source>
        <translation>To-do</translation>
    </message>
    <message>
        <source>登记缺课…</source>
        <translation>Record absence...</translation>
    </message>
    <message>
        <source>学生无故没来上学：登记后系统提醒按时走访（Ctrl+N）</source>
        <translation>A pupil is absent without reason: once recorded, the system reminds you to visit on time (Ctrl+N)</translation>
    </message>
    <message>
        <source>登记家访…</source>
        <translation>Record home visit...</translation>
    </message>
    <message>
        <source>为所选个案登记一次走访（Ctrl+J）</source>
        <translation>Record a visit for the selected case (Ctrl+J)</translation>
    </message>
    <message>
        <source>打开个案</source>
        <translation>Open case</translation>
    </message>
    <message>
        <source>查看所选个案的全部记录并办理（也可以双击或按回车）</source>
        <translation>See the whole record of the selected case and act on it (or double-click, or press Enter)</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>&#x3000;%1年%2月%3日</source>
        <translation>  %1-%2-%3</translation>
    </message>
    <message>
        <source>%1年级%2班</source>
        <translation>Grade %1, class %2</translation>
    </message>
    <message numerus="yes">
        <source>%n天没有任何记录</source>
        <translation>
            <numerusform>Nothing recorded for %n day</numerusform>
            <numerusform>Nothing recorded for %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>今天</source>
        <translation>today</translation>
    </message>
    <message numerus="yes">
        <source>%n 天</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message>
        <source>个案 %1：单击姓名打开</source>
        <translation>Case %1: click the name to open it</translation>
    </message>
    <message>
        <source>……还有 %1 个未列出（最紧急的列在前面）</source>
        <translation>...and %1 more not listed (the most urgent come first)</translation>
    </message>
    <message>
        <source>通知书期限 %1 已过，核查是否返校</source>
        <translation>Notice deadline %1 has passed: check whether the pupil is back</translation>
    </message>
    <message>
        <source>；应办：%1</source>
        <translation>; due: %1</translation>
    </message>
    <message>
        <source>目前没有到期或逾期的事项。</source>
        <translation>Nothing is due or overdue.</translation>
    </message>
    <message numerus="yes">
        <source>共 %1 个个案需要处理</source>
        <translation>
            <numerusform>%1 case to deal with</numerusform>
            <numerusform>%1 cases to deal with</numerusform>
        </translation>
    </message>
    <message>
        <source>，其中 %1 个走访已逾期</source>
        <translation>, %1 of them with a visit overdue</translation>
    </message>
    <message>
        <source>。单击学生姓名（或双击一行）打开个案。</source>
        <translation>. Click a pupil&apos;s name (or double-click a row) to open the case.</translation>
    </message>
</context>
<context>
    <name>UiState</name>
    <message>
        <source>标准</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>大</source>
        <translation>Large</translation>
    </message>
    <message>
        <source>特大</source>
        <translation>Extra large</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>窗口已锁定</source>
        <translation>Window locked</translation>
    </message>
    <message>
        <source>长时间无人操作，窗口已锁定。请“%1”输入密码继续，或者退出登录换其他人使用。</source>
        <translation>The window was locked after a long time without use. &quot;%1&quot;, enter your password to carry on, or log out so that someone else can use it.</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>退出登录</source>
        <translation>Log out</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <source>照片或扫描件 (*.jpg *.jpeg *.png *.bmp *.heic *.pdf *.tif *.tiff);;所有文件 (*)</source>
        <translation>Photos or scans (*.jpg *.jpeg *.png *.bmp *.heic *.pdf *.tif *.tiff);;All files (*)</translation>
    </message>
    <message>
        <source>一访（班主任）</source>
        <translation>1st visit (class teacher)</translation>
    </message>
    <message>
        <source>二访（校长/防辍小组）</source>
        <translation>2nd visit (principal / dropout prevention team)</translation>
    </message>
    <message>
        <source>三访（联合村委会）</source>
        <translation>3rd visit (with the village committee)</translation>
    </message>
    <message>
        <source>跟进</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>选择家访照片或扫描件</source>
        <translation>Choose photos or scans of the home visit</translation>
    </message>
    <message>
        <source>保存（回车）</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>登记家访</source>
        <translation>Record home visit</translation>
    </message>
    <message>
        <source>请先在上面查找学生（输入姓名、拼音首字母或身份证件号）。</source>
        <translation>First find the pupil above (type a name, pinyin initials or an ID number).</translation>
    </message>
    <message>
        <source>请选择原因</source>
        <translation>Choose a reason</translation>
    </message>
    <message>
        <source>请选择结果</source>
        <translation>Choose an outcome</translation>
    </message>
    <message>
        <source>（家长承诺返校时填写）</source>
        <translation>(when the parents promise the child will return)</translation>
    </message>
    <message>
        <source>（不填则按规定间隔跟进）</source>
        <translation>(if empty, follow up at the usual interval)</translation>
    </message>
    <message>
        <source>该学生目前没有未结的控辍个案。请先登记缺课，再登记家访。</source>
        <translation>This pupil has no open dropout case. Record the absence first, then the home visit.</translation>
    </message>
    <message>
        <source>“%1”目前没有未结的控辍个案。请先登记缺课，再登记家访。</source>
        <translation>&quot;%1&quot; has no open dropout case. Record the absence first, then the home visit.</translation>
    </message>
    <message>
        <source>%1年级%2班</source>
        <translation>Grade %1, class %2</translation>
    </message>
    <message>
        <source>登记家访：%1</source>
        <translation>Record home visit: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&#x3000;%2&#x3000;&#x3000;个案 %3&#x3000;&#x3000;状态：%4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;   %2    Case %3    Status: %4</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>监护人：%1</source>
        <translation>Guardians: %1</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>请先查找并选择学生。</source>
        <translation>Please search for and select a pupil first.</translation>
    </message>
    <message>
        <source>学生</source>
        <translation>Pupil</translation>
    </message>
    <message>
        <source>输入姓名、拼音首字母或身份证件号查找学生</source>
        <translation>Type a name, pinyin initials or an ID number to find the pupil</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; 走访时间</source>
        <translation>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; Visited at</translation>
    </message>
    <message>
        <source>默认为现在；补记以前的走访时请改成实际时间</source>
        <translation>Now by default; for an earlier visit, enter when it took place</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; 轮次</source>
        <translation>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; Round</translation>
    </message>
    <message>
        <source>一访：班主任；二访：校长或防辍小组；三访：联合村（居）委会；之后的走访选“跟进”</source>
        <translation>1st visit: class teacher; 2nd: principal or dropout prevention team; 3rd: with the village (community) committee; later visits: &quot;Follow-up&quot;</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; 方式</source>
        <translation>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; Kind</translation>
    </message>
    <message>
        <source>见到</source>
        <translation>Met</translation>
    </message>
    <message>
        <source>见到了谁（可直接输入）</source>
        <translation>Whom you met (you can type it)</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; 走访人员</source>
        <translation>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; Visitors</translation>
    </message>
    <message>
        <source>勾选参加走访的人员（方向键移动，空格勾选）；本次应去的人员已勾选并排在前面</source>
        <translation>Tick who took part in the visit (arrow keys to move, Space to tick); those due on this visit are ticked and listed first</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; 原因</source>
        <translation>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; Reason</translation>
    </message>
    <message>
        <source>缺课（辍学）的主要原因</source>
        <translation>The main reason for the absence (dropout)</translation>
    </message>
    <message>
        <source>家长态度</source>
        <translation>Parents&apos; attitude</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; 结果</source>
        <translation>&lt;span style=&quot;color:#c0392b&quot;&gt;*&lt;/span&gt; Outcome</translation>
    </message>
    <message>
        <source>其他人员</source>
        <translation>Others</translation>
    </message>
    <message>
        <source>名单以外的人员，用顿号分开，如：王村长、李书记</source>
        <translation>People not in the list, separated by &quot;、&quot;, e.g. 王村长、李书记</translation>
    </message>
    <message>
        <source>承诺返校</source>
        <translation>Promised return</translation>
    </message>
    <message>
        <source>家长承诺孩子哪天回校上学</source>
        <translation>The day the parents promise the child will be back at school</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next step</translation>
    </message>
    <message>
        <source>例如：周一再次家访、联系务工地</source>
        <translation>e.g. visit again on Monday, contact the parents&apos; workplace</translation>
    </message>
    <message>
        <source>下一步日期</source>
        <translation>Next step on</translation>
    </message>
    <message>
        <source>下一步在哪天做（到时会出现在待办中）</source>
        <translation>When to take the next step (it then appears in the to-do list)</translation>
    </message>
    <message>
        <source>情况记录</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>家庭情况、学生想法、做了哪些工作等</source>
        <translation>The family&apos;s situation, what the pupil thinks, what was done...</translation>
    </message>
    <message>
        <source>照片或扫描件</source>
        <translation>Photos or scans</translation>
    </message>
    <message>
        <source>添加…</source>
        <translation>Add...</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>带 * 的必须填写。按 Tab 键到下一项，按回车保存。</source>
        <translation>Fields marked * are required. Tab moves to the next field; Enter saves.</translation>
    </message>
</context>
</TS>
