<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>villagedesk</name>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="274" />
      <source>  of which region / {level}</source>
      <translation>  其中自治区/{level}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="432" />
      <source> min</source>
      <translation> 分钟</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="195" />
      <source>&amp;Add vacancy</source>
      <translation>新增岗位(&amp;A)</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/print_forms.py" line="156" />
      <location filename="src/villagedesk/gui/printing.py" line="458" />
      <source>&amp;Close</source>
      <translation>关闭(&amp;C)</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="197" />
      <source>&amp;Close vacancy</source>
      <translation>关闭岗位(&amp;C)</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/labour.py" line="194" />
      <source>&amp;Employment:</source>
      <translation>就业状态(&amp;E)：</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="224" />
      <source>&amp;ID number</source>
      <translation>身份证号码(&amp;I)</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="226" />
      <source>&amp;Method</source>
      <translation>认证方式(&amp;M)</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="248" />
      <source>&amp;Month</source>
      <translation>月份(&amp;M)</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/print_forms.py" line="119" />
      <source>&amp;New document</source>
      <translation>打印新文书(&amp;N)</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/labour.py" line="205" />
      <source>&amp;Not surveyed this year</source>
      <translation>本年未登记(&amp;N)</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="454" />
      <source>&amp;Print…</source>
      <translation>打印(&amp;P)…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/labour.py" line="208" />
      <source>&amp;Refer to a vacancy</source>
      <translation>岗位推荐(&amp;R)</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/labour.py" line="207" />
      <source>&amp;Survey</source>
      <translation>劳动力登记(&amp;S)</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/print_forms.py" line="142" />
      <source>&amp;Unused months of an earlier claim</source>
      <translation>前次申领剩余月数(&amp;U)</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="438" />
      <source>&amp;Zoom</source>
      <translation>缩放(&amp;Z)</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="34" />
      <source>(county not in the table)</source>
      <translation>（代码表中没有该县）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="84" />
      <source>, </source>
      <translation>、</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="594" />
      <source>18-character unified social credit code</source>
      <translation>18位统一社会信用代码</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/widgets/fields.py" line="29" />
      <source>18-digit ID number</source>
      <translation>18位身份证号码</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/import_roster.py" line="137" />
      <location filename="src/villagedesk/gui/policy_labels.py" line="127" />
      <location filename="src/villagedesk/gui/roster_labels.py" line="96" />
      <source>; </source>
      <translation>；</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="739" />
      <source>Account balance: {amount}</source>
      <translation>个人账户余额：{amount}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="72" />
      <source>Account balance: {yuan} yuan</source>
      <translation>个人账户余额：{yuan}元</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="23" />
      <source>Account interest rate</source>
      <translation>个人账户记账利率</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="443" />
      <source>Account part</source>
      <translation>个人账户养老金</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="185" />
      <source>Account {name} added.</source>
      <translation>已添加账号{name}。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="115" />
      <source>Active</source>
      <translation>启用</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="194" />
      <source>Add &amp;employer</source>
      <translation>新增用人单位(&amp;E)</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/training.py" line="135" />
      <source>Add &amp;training</source>
      <translation>新增培训(&amp;T)</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="252" />
      <source>Add a status</source>
      <translation>添加身份类别</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="647" />
      <source>Add a vacancy</source>
      <translation>新增岗位</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="349" />
      <source>Add account</source>
      <translation>添加账号</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="344" />
      <source>Add an account (supervisor only)</source>
      <translation>添加账号（仅限主管）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="590" />
      <source>Add an employer</source>
      <translation>新增用人单位</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="173" />
      <source>Add at least one member.</source>
      <translation>请至少添加一名成员。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="121" />
      <source>Add member</source>
      <translation>添加成员</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="288" />
      <source>Add status</source>
      <translation>添加身份类别</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="196" />
      <source>Add vacancy &amp;here</source>
      <translation>为此单位新增岗位(&amp;H)</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="601" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="49" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="113" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="222" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="91" />
      <source>Address</source>
      <translation>地址</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/labour.py" line="111" />
      <location filename="src/villagedesk/gui/pages/pension.py" line="129" />
      <location filename="src/villagedesk/gui/pages/pension.py" line="161" />
      <source>Age</source>
      <translation>年龄</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="51" />
      <location filename="src/villagedesk/gui/pages/labour.py" line="198" />
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="205" />
      <source>All</source>
      <translation>全部</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="93" />
      <source>All awards</source>
      <translation>全部待遇人员</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="83" />
      <source>All enrolled</source>
      <translation>全部参保人员</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="379" />
      <source>Already certified for this window. Press Enter to certify again.</source>
      <translation>本认证期已认证。按回车可再次认证。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="855" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="134" />
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="152" />
      <source>Another sync is already running. Try again in a minute.</source>
      <translation>另一个同步正在进行，请稍后再试。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="71" />
      <source>Answer</source>
      <translation>答复</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="431" />
      <source>Application date</source>
      <translation>申请日期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/import_roster.py" line="186" />
      <source>Applied {n} change(s).</source>
      <translation>已应用{n}项变更。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/import_roster.py" line="75" />
      <source>Apply all changes</source>
      <translation>全部应用</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/import_roster.py" line="155" />
      <source>Apply {n} change(s) from this list?</source>
      <translation>应用此名单中的{n}项变更？</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/import_roster.py" line="162" />
      <source>Applying…</source>
      <translation>正在应用…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="150" />
      <source>Automatic backup failed: {why}</source>
      <translation>自动备份失败：{why}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="425" />
      <source>Automatic sync</source>
      <translation>自动同步</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="445" />
      <source>Award</source>
      <translation>核定</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="963" />
      <source>Award pension</source>
      <translation>待遇核定</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="426" />
      <source>Award the pension</source>
      <translation>养老保险待遇核定</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="148" />
      <source>Back</source>
      <translation>上一步</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="358" />
      <source>Back up now</source>
      <translation>立即备份</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="295" />
      <source>Backup saved and checked: {path}</source>
      <translation>备份已保存并校验：{path}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="295" />
      <location filename="src/villagedesk/gui/pages/settings.py" line="313" />
      <location filename="src/villagedesk/gui/pages/settings.py" line="338" />
      <location filename="src/villagedesk/gui/pages/settings.py" line="292" />
      <location filename="src/villagedesk/gui/pages/settings.py" line="323" />
      <source>Backups</source>
      <translation>备份</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="361" />
      <source>Backups are encrypted like the database and checked after they are made: at start, every few hours, before an upgrade and before a restore.</source>
      <translation>备份与数据库一样加密，并在生成后校验：启动时、每隔几小时、升级前和恢复前自动备份。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="441" />
      <location filename="src/villagedesk/gui/policy_labels.py" line="19" />
      <source>Basic pension</source>
      <translation>基础养老金</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="438" />
      <source>Before</source>
      <translation>原值</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="89" />
      <source>Being paid or suspended</source>
      <translation>正常发放或暂停</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="853" />
      <source>Booked</source>
      <translation>记账日期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="63" />
      <location filename="src/villagedesk/gui/pages/persons.py" line="40" />
      <source>Born</source>
      <translation>出生日期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/reports.py" line="91" />
      <source>Building the report…</source>
      <translation>正在生成报表…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/import_roster.py" line="162" />
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="150" />
      <location filename="src/villagedesk/gui/pages/pension.py" line="387" />
      <location filename="src/villagedesk/gui/pages/reports.py" line="154" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="419" />
      <location filename="src/villagedesk/gui/printing.py" line="319" />
      <location filename="src/villagedesk/gui/widgets/forms.py" line="75" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="116" />
      <source>Cancelled</source>
      <translation>已取消</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/import_roster.py" line="193" />
      <source>Cancelled: nothing was applied.</source>
      <translation>已取消：未应用任何变更。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="892" />
      <source>Cancelling…</source>
      <translation>正在取消…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="349" />
      <source>Cannot be certified.</source>
      <translation>无法认证。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="144" />
      <source>Category</source>
      <translation>人员类别</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="457" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="161" />
      <location filename="src/villagedesk/gui/pages/training.py" line="53" />
      <source>Certificate</source>
      <translation>证书</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="41" />
      <location filename="src/villagedesk/gui/pages/certification.py" line="74" />
      <location filename="src/villagedesk/gui/pages/pension.py" line="168" />
      <source>Certification</source>
      <translation>生存认证</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="362" />
      <source>Certification: {status} · window {window} · {deadline}</source>
      <translation>认证：{status} · 认证期 {window} · {deadline}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="233" />
      <source>Certified today ({n})</source>
      <translation>今日已认证（{n}）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="654" />
      <source>Certify</source>
      <translation>认证</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="227" />
      <source>Certify (Enter)</source>
      <translation>认证（回车）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="965" />
      <source>Certify survival</source>
      <translation>生存认证</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="178" />
      <source>Certify…</source>
      <translation>认证…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/import_roster.py" line="62" />
      <source>Change</source>
      <translation>变更内容</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="69" />
      <source>Change made by the county</source>
      <translation>县里所做的变更</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/import_roster.py" line="73" />
      <source>Changes</source>
      <translation>变更</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="415" />
      <source>Changes waiting to be sent</source>
      <translation>待上传的变更</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="382" />
      <source>Check the person and press Enter to certify.</source>
      <translation>请核对人员信息，按回车认证。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/print_forms.py" line="201" />
      <source>Choose a document printed before.</source>
      <translation>请选择以前打印过的文书。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="355" />
      <source>Choose a person in the list first.</source>
      <translation>请先在列表中选择人员。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/import_roster.py" line="52" />
      <source>Choose file…</source>
      <translation>选择文件…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="184" />
      <source>Choose one or more results in the list first.</source>
      <translation>请先在列表中选择一条或多条结果。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="888" />
      <source>Choose the record to reverse.</source>
      <translation>请选择要冲正的记录。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="37" />
      <source>Civil affairs</source>
      <translation>民政</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/print_forms.py" line="97" />
      <location filename="src/villagedesk/gui/pages/certification.py" line="151" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="126" />
      <source>Clerk</source>
      <translation>经办人</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="338" />
      <source>Clerk accounts</source>
      <translation>经办人账号</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="243" />
      <source>Clerk: {name}</source>
      <translation>经办人：{name}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/import_roster.py" line="79" />
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="254" />
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="285" />
      <source>Close the vacancy “{post}” of {employer}? It takes no more referrals from today.</source>
      <translation>关闭{employer}的“{post}”岗位？自今天起不再接受推荐。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="288" />
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="300" />
      <source>Close vacancy</source>
      <translation>关闭岗位</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/import_roster.py" line="68" />
      <source>Column</source>
      <translation>列</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="244" />
      <source>Confidence</source>
      <translation>确认状态</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="431" />
      <source>Confirm and resume sync</source>
      <translation>确认并恢复同步</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="268" />
      <source>Confirm or dispute…</source>
      <translation>确认或提出异议…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="157" />
      <source>Confirm selected</source>
      <translation>确认所选</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="43" />
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="50" />
      <source>Confirmed</source>
      <translation>已确认</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="465" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="457" />
      <source>Conflicts</source>
      <translation>冲突</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="263" />
      <source>Conflicts: {n}</source>
      <translation>冲突：{n}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="710" />
      <source>Connecting to the county…</source>
      <translation>正在连接县级服务器…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="60" />
      <source>Contact</source>
      <translation>联系方式</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="597" />
      <source>Contact person</source>
      <translation>联系人</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="840" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="102" />
      <source>Contribution</source>
      <translation>缴费</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/print_forms.py" line="140" />
      <source>Contribution &amp;year</source>
      <translation>缴费年度(&amp;Y)</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="373" />
      <source>Contribution for {year} saved.</source>
      <translation>{year}年度缴费已保存。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="218" />
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="297" />
      <source>Contribution grade</source>
      <translation>缴费档次</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="16" />
      <source>Contribution grades</source>
      <translation>缴费档次</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="106" />
      <source>Contribution receipt</source>
      <translation>缴费凭证</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="440" />
      <source>Contribution years</source>
      <translation>缴费年限</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="71" />
      <source>Contribution years: {n}</source>
      <translation>缴费年限：{n}年</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="246" />
      <source>Contributors</source>
      <translation>缴费人员</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="343" />
      <source>Contributors ({n})</source>
      <translation>缴费人员（{n}）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="949" />
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="847" />
      <source>Correct a money record</source>
      <translation>冲正缴费或发放记录</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="967" />
      <source>Correct money record</source>
      <translation>冲正</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="108" />
      <source>Corrected and accepted</source>
      <translation>已更正并通过</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="18" />
      <source>Cost sharing</source>
      <translation>财政分担</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/reports.py" line="172" />
      <source>Could not save the file: {error}</source>
      <translation>文件保存失败：{error}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="241" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="440" />
      <source>County</source>
      <translation>县</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="250" />
      <location filename="src/villagedesk/gui/main_window.py" line="43" />
      <location filename="src/villagedesk/gui/pages/matching.py" line="14" />
      <source>County data matching</source>
      <translation>数据比对</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="26" />
      <source>County data-matching results to confirm</source>
      <translation>县数据比对结果待确认</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="72" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="414" />
      <source>County server</source>
      <translation>县级服务器</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="595" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="624" />
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="59" />
      <source>Credit code</source>
      <translation>信用代码</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="98" />
      <source>Credited</source>
      <translation>记入账户</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="280" />
      <source>Credited to the account</source>
      <translation>记入个人账户</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="458" />
      <source>Data (KB)</source>
      <translation>数据量（KB）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="810" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="126" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="169" />
      <location filename="src/villagedesk/gui/roster_labels.py" line="20" />
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="726" />
      <source>Date of death</source>
      <translation>死亡日期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="35" />
      <source>Deaths reported, payment not stopped</source>
      <translation>已报死亡未停发</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="446" />
      <source>Decision</source>
      <translation>处理结果</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="796" />
      <source>Died {date}</source>
      <translation>{date}死亡</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="351" />
      <source>Disable / enable selected</source>
      <translation>停用/启用所选账号</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="215" />
      <source>Disable the account {name}?</source>
      <translation>停用账号{name}？</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="39" />
      <source>Disabled persons' federation</source>
      <translation>残联</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/widgets/forms.py" line="165" />
      <source>Discard what you have typed?</source>
      <translation>放弃已输入的内容？</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="338" />
      <source>Display</source>
      <translation>显示</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="160" />
      <source>Dispute selected</source>
      <translation>对所选提出异议</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="44" />
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="49" />
      <source>Disputed</source>
      <translation>有异议</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="141" />
      <source>Do</source>
      <translation>办理</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/print_forms.py" line="95" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="180" />
      <source>Document</source>
      <translation>文书</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="352" />
      <source>Does not receive the pension: no certification is needed.</source>
      <translation>未领取养老金，无需认证。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="111" />
      <source>Done</source>
      <translation>成功</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="429" />
      <source>Download and install…</source>
      <translation>下载并安装…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="832" />
      <source>Downloading the new version…</source>
      <translation>正在下载新版本…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="56" />
      <source>Due</source>
      <translation>到期日</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="77" />
      <source>Due and overdue</source>
      <translation>到期及逾期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="182" />
      <source>Due by / overdue</source>
      <translation>截止/逾期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="79" />
      <source>Due soon</source>
      <translation>即将到期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="466" />
      <source>Duplicate persons</source>
      <translation>重复人员</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="192" />
      <source>E&amp;mployers</source>
      <translation>用人单位(&amp;M)</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="287" />
      <source>Edit</source>
      <translation>修改</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="215" />
      <source>Edit person</source>
      <translation>修改人员信息</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="439" />
      <source>Eligibility</source>
      <translation>领取资格</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="29" />
      <source>Eligible for the pension, not receiving it</source>
      <translation>符合领取条件但未领取</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="400" />
      <source>Eligible: {kind}</source>
      <translation>符合条件：{kind}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/training.py" line="54" />
      <source>Employed</source>
      <translation>已就业</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="459" />
      <source>Employed afterwards</source>
      <translation>培训后就业</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="705" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="279" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="656" />
      <location filename="src/villagedesk/gui/pages/labour.py" line="118" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="144" />
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="58" />
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="66" />
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="82" />
      <source>Employer</source>
      <translation>用人单位</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="592" />
      <source>Employer name</source>
      <translation>单位名称</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/labour.py" line="112" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="144" />
      <source>Employment</source>
      <translation>就业状态</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="264" />
      <source>Employment status</source>
      <translation>就业状态</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="508" />
      <source>Ended</source>
      <translation>已结束</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="455" />
      <source>Ended on</source>
      <translation>结束日期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="423" />
      <source>Enrol</source>
      <translation>接入</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="961" />
      <source>Enrol in pension</source>
      <translation>参保登记</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="212" />
      <source>Enrol in the resident pension</source>
      <translation>城乡居民养老保险参保登记</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="420" />
      <source>Enrol with the county</source>
      <translation>接入县级系统</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="130" />
      <source>Enrolment</source>
      <translation>参保状态</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="105" />
      <source>Enrolment certificate</source>
      <translation>参保登记证明</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="216" />
      <source>Enrolment date</source>
      <translation>参保日期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="81" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="422" />
      <source>Enrolment token</source>
      <translation>接入令牌</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="68" />
      <source>Enrolment: {status}</source>
      <translation>参保状态：{status}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="754" />
      <source>Enter the server address (starting with https://) and the token.</source>
      <translation>请填写服务器地址（以 https:// 开头）和令牌。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="107" />
      <source>Entitlement statement</source>
      <translation>个人权益记录单</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="426" />
      <source>Every (minutes, 0 = off)</source>
      <translation>同步间隔（分钟，0 = 关闭）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="427" />
      <source>Every night at (hour, -1 = off)</source>
      <translation>每晚同步时间（时，-1 = 关闭）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="176" />
      <source>Exactly one member must be the head of household ({head}).</source>
      <translation>必须有且只有一名成员为户主（{head}）。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="90" />
      <source>Expected pension at 60: {yuan} yuan a month</source>
      <translation>预计60岁时月养老金：{yuan}元</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/reports.py" line="144" />
      <location filename="src/villagedesk/gui/pages/reports.py" line="172" />
      <source>Export to Excel</source>
      <translation>导出Excel</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/reports.py" line="82" />
      <source>Export to Excel…</source>
      <translation>导出Excel…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/reports.py" line="154" />
      <source>Exporting…</source>
      <translation>正在导出…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="117" />
      <source>Failed</source>
      <translation>失败</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="437" />
      <source>Field</source>
      <translation>信息项</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="261" />
      <location filename="src/villagedesk/gui/roster_labels.py" line="23" />
      <source>File</source>
      <translation>文件</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="245" />
      <source>Filter by name or ID number</source>
      <translation>按姓名或身份证号码筛选</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="149" />
      <source>Finish</source>
      <translation>完成</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="92" />
      <source>First supervisor</source>
      <translation>首个主管账号</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="93" />
      <source>Fit width</source>
      <translation>适合宽度</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="342" />
      <source>Font size</source>
      <translation>字号</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/labour.py" line="113" />
      <source>Found through</source>
      <translation>就业渠道</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="262" />
      <location filename="src/villagedesk/gui/pages/pension.py" line="167" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="53" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="161" />
      <location filename="src/villagedesk/gui/pages/settings.py" line="242" />
      <location filename="src/villagedesk/gui/pages/training.py" line="51" />
      <source>From</source>
      <translation>起始</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="108" />
      <location filename="src/villagedesk/gui/pages/settings.py" line="346" />
      <source>Full name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="268" />
      <source>Government subsidy</source>
      <translation>政府补贴</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="98" />
      <source>Government-paid</source>
      <translation>政府代缴</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="17" />
      <source>Government-paid premium</source>
      <translation>政府代缴</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="33" />
      <source>Government-paid premium due this year</source>
      <translation>本年度应政府代缴</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/reports.py" line="84" />
      <source>Government-paid premiums by year (yuan)</source>
      <translation>历年政府代缴金额（元）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="131" />
      <source>Grade (yuan)</source>
      <translation>档次（元）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="133" />
      <source>Guangdong-Guangxi cooperation</source>
      <translation>粤桂劳务协作</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="51" />
      <source>Guangxi household registration</source>
      <translation>广西户籍</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="439" />
      <source>Here (village)</source>
      <translation>本村</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="67" />
      <source>Hired</source>
      <translation>已录用</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="469" />
      <source>History</source>
      <translation>同步记录</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="113" />
      <source>Home-visit work-list</source>
      <translation>入户走访工作清单</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="60" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="98" />
      <source>Household</source>
      <translation>家庭成员</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="266" />
      <source>How the job was found</source>
      <translation>就业渠道</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="67" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="109" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="46" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="86" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="89" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="88" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="198" />
      <location filename="src/villagedesk/gui/pages/certification.py" line="149" />
      <location filename="src/villagedesk/gui/pages/certification.py" line="180" />
      <location filename="src/villagedesk/gui/pages/home.py" line="55" />
      <location filename="src/villagedesk/gui/pages/labour.py" line="110" />
      <location filename="src/villagedesk/gui/pages/pension.py" line="128" />
      <location filename="src/villagedesk/gui/pages/pension.py" line="160" />
      <location filename="src/villagedesk/gui/pages/persons.py" line="39" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="92" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="444" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="451" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="666" />
      <location filename="src/villagedesk/gui/pages/training.py" line="48" />
      <location filename="src/villagedesk/gui/pages/training.py" line="60" />
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="80" />
      <location filename="src/villagedesk/gui/roster_labels.py" line="16" />
      <source>ID number</source>
      <translation>身份证号码</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/import_roster.py" line="48" />
      <location filename="src/villagedesk/gui/dialogs/import_roster.py" line="96" />
      <source>Import a county list</source>
      <translation>导入县级比对名单</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/persons.py" line="82" />
      <source>Import county list…</source>
      <translation>导入县级名单…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="281" />
      <source>Industry</source>
      <translation>行业</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="710" />
      <source>Inheritable account balance: {amount}.</source>
      <translation>个人账户可继承余额：{amount}。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="823" />
      <source>Install version {version} now? The package is checked against the province's release key first. The program closes while it installs; your data stays.</source>
      <translation>现在安装版本 {version}？安装前会先用省级发布密钥校验安装包。安装期间程序将关闭，数据不受影响。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="220" />
      <source>Insured category</source>
      <translation>参保人员类别</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="240" />
      <source>Key</source>
      <translation>项目</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="854" />
      <location filename="src/villagedesk/gui/pages/pension.py" line="162" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="134" />
      <location filename="src/villagedesk/gui/pages/settings.py" line="260" />
      <location filename="src/villagedesk/gui/roster_labels.py" line="18" />
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="37" />
      <location filename="src/villagedesk/gui/pages/labour.py" line="132" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="141" />
      <source>Labour</source>
      <translation>劳动力</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="100" />
      <source>Labour record</source>
      <translation>劳动力登记</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="34" />
      <source>Labour record not updated this year</source>
      <translation>本年度未更新劳动力登记</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="110" />
      <source>Labour registration card</source>
      <translation>劳动力登记卡</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="880" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="242" />
      <source>Labour survey</source>
      <translation>劳动力登记</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="341" />
      <source>Language</source>
      <translation>语言</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="367" />
      <source>Last certified {date}</source>
      <translation>上次认证：{date}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="554" />
      <source>Last month paid: {month}</source>
      <translation>最近发放月份：{month}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="417" />
      <source>Last result</source>
      <translation>上次结果</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="251" />
      <source>Last survey: {date}</source>
      <translation>上次登记：{date}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="416" />
      <source>Last sync</source>
      <translation>上次同步</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="258" />
      <source>Last sync: {when}</source>
      <translation>上次同步：{when}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="53" />
      <location filename="src/villagedesk/gui/roster_labels.py" line="19" />
      <source>Level</source>
      <translation>级别</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="261" />
      <source>Level / grade</source>
      <translation>级别/等级</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="53" />
      <source>Lifted out</source>
      <translation>脱贫年份</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/import_roster.py" line="96" />
      <source>Lists</source>
      <translation>名单文件</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="263" />
      <source>Loading…</source>
      <translation>正在加载…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="343" />
      <source>Lock after idle minutes (0 = never)</source>
      <translation>空闲几分钟后锁定（0 = 不锁定）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/login.py" line="36" />
      <source>Locked</source>
      <translation>已锁定</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/login.py" line="36" />
      <location filename="src/villagedesk/gui/dialogs/login.py" line="57" />
      <source>Log in</source>
      <translation>登录</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/login.py" line="60" />
      <source>Log out</source>
      <translation>退出登录</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="442" />
      <source>Long-contribution bonus</source>
      <translation>长缴加发</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="259" />
      <source>Made</source>
      <translation>备份时间</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="658" />
      <source>Marked 补打 (reprint).</source>
      <translation>已标记为“补打”。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="73" />
      <source>May be left empty and entered later in Settings.</source>
      <translation>可暂不填写，以后在“设置”中填写。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="202" />
      <source>Member {row}</source>
      <translation>成员{row}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="120" />
      <source>Members</source>
      <translation>家庭成员</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="629" />
      <location filename="src/villagedesk/gui/pages/certification.py" line="150" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="126" />
      <source>Method</source>
      <translation>认证方式</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="24" />
      <source>Minimum wage</source>
      <translation>最低工资标准</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="25" />
      <source>Minimum-wage class of this county</source>
      <translation>本县最低工资类别</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="539" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="134" />
      <source>Month</source>
      <translation>月份</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="90" />
      <source>Month not paid</source>
      <translation>当月未发放</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="169" />
      <source>Month paid</source>
      <translation>当月发放</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="165" />
      <source>Monthly (yuan)</source>
      <translation>月待遇（元）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="284" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="370" />
      <location filename="src/villagedesk/gui/pages/labour.py" line="120" />
      <source>Monthly income</source>
      <translation>月收入</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="444" />
      <source>Monthly pension</source>
      <translation>月养老金</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="462" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="813" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="521" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="566" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="838" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="839" />
      <source>Monthly wage</source>
      <translation>月工资</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="468" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="451" />
      <source>Moved away</source>
      <translation>已迁出</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/import_roster.py" line="61" />
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="66" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="109" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="47" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="220" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="198" />
      <location filename="src/villagedesk/gui/pages/certification.py" line="148" />
      <location filename="src/villagedesk/gui/pages/certification.py" line="179" />
      <location filename="src/villagedesk/gui/pages/home.py" line="54" />
      <location filename="src/villagedesk/gui/pages/labour.py" line="109" />
      <location filename="src/villagedesk/gui/pages/pension.py" line="127" />
      <location filename="src/villagedesk/gui/pages/pension.py" line="159" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="63" />
      <location filename="src/villagedesk/gui/pages/persons.py" line="38" />
      <location filename="src/villagedesk/gui/pages/settings.py" line="113" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="89" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="451" />
      <location filename="src/villagedesk/gui/pages/training.py" line="47" />
      <location filename="src/villagedesk/gui/pages/training.py" line="59" />
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="79" />
      <location filename="src/villagedesk/gui/roster_labels.py" line="17" />
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/persons.py" line="79" />
      <source>Name, pinyin initials (zs) or ID number</source>
      <translation>姓名、拼音首字母（如 zs）或身份证号码</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/labour.py" line="206" />
      <source>Name, pinyin initials or ID number</source>
      <translation>姓名、拼音首字母或身份证号码</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="713" />
      <source>Net to the heirs: {amount}.</source>
      <translation>继承人实得：{amount}。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="253" />
      <location filename="src/villagedesk/gui/pages/labour.py" line="201" />
      <source>Never surveyed</source>
      <translation>从未登记</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="260" />
      <source>Never synced</source>
      <translation>从未同步</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="428" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="822" />
      <source>New version</source>
      <translation>新版本</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="147" />
      <source>Next</source>
      <translation>下一步</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="281" />
      <location filename="src/villagedesk/gui/pages/certification.py" line="399" />
      <source>Next person</source>
      <translation>下一位</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="351" />
      <source>No contribution grades are in force for this year.</source>
      <translation>该年度没有有效的缴费档次。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="237" />
      <source>No contribution grades are in force on this date.</source>
      <translation>该日期没有有效的缴费档次。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="812" />
      <source>No death is recorded for this person.</source>
      <translation>此人没有死亡登记。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/import_roster.py" line="50" />
      <source>No file chosen.</source>
      <translation>未选择文件。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="429" />
      <source>No pension is overdue and still being paid.</source>
      <translation>没有逾期未认证且仍在发放的养老金。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="373" />
      <source>Nobody to pay for {month}: every active pensioner is paid.</source>
      <translation>{month}无需发放：所有正常领取人员均已发放。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="321" />
      <source>Nobody with this ID number is registered at this station.</source>
      <translation>本服务站没有登记此身份证号码的人员。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="22" />
      <source>None</source>
      <translation>无</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="467" />
      <source>Not applied</source>
      <translation>未采用</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="402" />
      <source>Not eligible: {reason}</source>
      <translation>不符合领取条件：{reason}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="115" />
      <source>Not enrolled</source>
      <translation>未接入县级</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="315" />
      <source>Not found</source>
      <translation>未找到</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="439" />
      <source>Not paid: {n} (see each person's page).</source>
      <translation>未发放：{n}人（请查看各人页面）。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="323" />
      <source>Not restored: {why}</source>
      <translation>未恢复：{why}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="306" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="430" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="747" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="815" />
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="630" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="94" />
      <location filename="src/villagedesk/gui/pages/training.py" line="63" />
      <location filename="src/villagedesk/gui/roster_labels.py" line="22" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="708" />
      <source>Nothing was paid after death.</source>
      <translation>死亡后未发放待遇。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/print_forms.py" line="114" />
      <source>Nothing was printed for this person yet.</source>
      <translation>此人还没有打印记录。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="661" />
      <source>Number of posts</source>
      <translation>招聘人数</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="654" />
      <source>Numbered and logged: {n} document(s), {serials}.</source>
      <translation>已编号并登记：{n}份，编号{serials}。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="706" />
      <source>Numbering, signing and logging…</source>
      <translation>正在编号、签章并登记…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="201" />
      <source>O&amp;utcome:</source>
      <translation>结果(&amp;U)：</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="256" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="112" />
      <source>Offline</source>
      <translation>离线</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="256" />
      <source>Online</source>
      <translation>在线</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="950" />
      <source>Only a supervisor may correct money records. Please ask your supervisor.</source>
      <translation>只有主管可以冲正缴费或发放记录，请联系主管。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/import_roster.py" line="149" />
      <location filename="src/villagedesk/gui/pages/certification.py" line="442" />
      <location filename="src/villagedesk/gui/pages/settings.py" line="306" />
      <location filename="src/villagedesk/gui/pages/settings.py" line="183" />
      <location filename="src/villagedesk/gui/pages/settings.py" line="202" />
      <location filename="src/villagedesk/gui/pages/settings.py" line="227" />
      <location filename="src/villagedesk/gui/pages/settings.py" line="320" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="503" />
      <location filename="src/villagedesk/gui/widgets/forms.py" line="138" />
      <source>Only a supervisor may do this.</source>
      <translation>只有主管可以进行此操作。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="424" />
      <source>Only a supervisor may enrol this counter with the county.</source>
      <translation>只有主管才能把本服务站接入县级系统。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/labour.py" line="209" />
      <location filename="src/villagedesk/gui/pages/training.py" line="138" />
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="200" />
      <source>Open &amp;person</source>
      <translation>查看人员(&amp;P)</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="191" />
      <source>Open &amp;vacancies</source>
      <translation>在招岗位(&amp;V)</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="161" />
      <location filename="src/villagedesk/gui/pages/home.py" line="93" />
      <location filename="src/villagedesk/gui/pages/pension.py" line="237" />
      <source>Open person</source>
      <translation>查看人员</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="55" />
      <source>Open the registered person</source>
      <translation>打开已登记人员</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="713" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="671" />
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="74" />
      <source>Open until</source>
      <translation>有效期至</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="61" />
      <source>Open vacancies</source>
      <translation>在招岗位</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/print_forms.py" line="138" />
      <source>Options</source>
      <translation>选项</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="808" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="169" />
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="83" />
      <source>Outcome</source>
      <translation>结果</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="85" />
      <source>Outcome date</source>
      <translation>结果日期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="78" />
      <source>Overdue</source>
      <translation>已逾期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="803" />
      <source>Overpayment returned (how; leave empty if not yet)</source>
      <translation>多发待遇退回方式（未退回可不填）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="794" />
      <source>PDF files (*.pdf)</source>
      <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="517" />
      <source>Page {n}</source>
      <translation>第{n}页</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="532" />
      <source>Page {n} of {total}</source>
      <translation>第{n}页，共{total}页</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="701" />
      <source>Paid after death, to recover: {n} month(s) ({months}), {amount}.</source>
      <translation>死亡后多发应追回：{n}个月（{months}），{amount}。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="269" />
      <source>Paid by the government (premium)</source>
      <translation>政府代缴</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="267" />
      <source>Paid by the person</source>
      <translation>个人缴费</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/reports.py" line="119" />
      <source>Participation</source>
      <translation>参保</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/reports.py" line="113" />
      <source>Participation rate: {p}</source>
      <translation>参保率：{p}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/login.py" line="52" />
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="109" />
      <location filename="src/villagedesk/gui/pages/settings.py" line="347" />
      <source>Password</source>
      <translation>密码</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="205" />
      <source>Password of {name} changed.</source>
      <translation>已修改{name}的密码。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="557" />
      <source>Pay</source>
      <translation>发放</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="964" />
      <source>Pay a month</source>
      <translation>待遇发放</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="368" />
      <location filename="src/villagedesk/gui/pages/pension.py" line="440" />
      <location filename="src/villagedesk/gui/pages/pension.py" line="455" />
      <location filename="src/villagedesk/gui/pages/pension.py" line="450" />
      <source>Pay month</source>
      <translation>月度发放</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="189" />
      <source>Pay month for all…</source>
      <translation>当月批量发放…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="173" />
      <source>Pay one month…</source>
      <translation>发放一个月…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="531" />
      <source>Pay the pension for a month</source>
      <translation>发放一个月养老金</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="379" />
      <source>Pay {month} to {n} pensioners, {amount} in total?</source>
      <translation>向{n}名领取人员发放{month}养老金，合计{amount}？</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="452" />
      <source>Paying stopped with an error after {n} payments: {error}</source>
      <translation>发放{n}笔后出错中止：{error}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="414" />
      <source>Paying {month}: {done} of {total}</source>
      <translation>正在发放{month}：{done}/{total}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="387" />
      <source>Paying {month}…</source>
      <translation>正在发放{month}…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="840" />
      <location filename="src/villagedesk/gui/pages/reports.py" line="120" />
      <source>Payment</source>
      <translation>发放</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/reports.py" line="115" />
      <source>Payment rate: {p}</source>
      <translation>发放率：{p}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="697" />
      <source>Payment stops from {month}.</source>
      <translation>自{month}起停发。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="131" />
      <source>Payments</source>
      <translation>待遇发放</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="541" />
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="728" />
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="800" />
      <location filename="src/villagedesk/gui/main_window.py" line="40" />
      <location filename="src/villagedesk/gui/pages/certification.py" line="183" />
      <location filename="src/villagedesk/gui/pages/pension.py" line="80" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="67" />
      <source>Pension</source>
      <translation>养老保险</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="518" />
      <source>Pension awarded: {amount} a month, paid from {month}.</source>
      <translation>待遇已核定：每月{amount}，自{month}起发放。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="101" />
      <source>Pension enrolment</source>
      <translation>参保登记</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="21" />
      <source>Pension without contributions (over 60)</source>
      <translation>60周岁以上不缴费直接领取</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="78" />
      <source>Pension {status}: {yuan} yuan a month from {month}</source>
      <translation>养老金{status}：自{month}起每月{yuan}元</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="247" />
      <source>Pensioners</source>
      <translation>待遇领取人员</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="344" />
      <source>Pensioners ({n})</source>
      <translation>待遇领取人员（{n}）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="97" />
      <source>Person</source>
      <translation>人员</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="665" />
      <source>Person {name} (from the county)</source>
      <translation>人员{name}（来自县级）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="98" />
      <source>Personal</source>
      <translation>个人缴费</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="36" />
      <location filename="src/villagedesk/gui/pages/persons.py" line="27" />
      <source>Persons</source>
      <translation>人员</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="286" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="599" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="109" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="48" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="114" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="221" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="90" />
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="711" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="144" />
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="73" />
      <source>Place</source>
      <translation>工作地点</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="276" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="669" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="274" />
      <location filename="src/villagedesk/gui/pages/labour.py" line="115" />
      <source>Place of work</source>
      <translation>就业地点</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="338" />
      <source>Policy tables</source>
      <translation>政策参数</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="261" />
      <source>Population category</source>
      <translation>人员类别</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="704" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="658" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="169" />
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="65" />
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="81" />
      <source>Post</source>
      <translation>岗位</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="712" />
      <source>Posts left</source>
      <translation>剩余名额</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="38" />
      <source>Poverty alleviation office</source>
      <translation>扶贫办</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/print_forms.py" line="152" />
      <source>Pre&amp;view…</source>
      <translation>预览(&amp;V)…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="886" />
      <source>Preparing the preview…</source>
      <translation>正在生成预览…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="100" />
      <source>Preparing today's work-lists…</source>
      <translation>正在生成今日工作清单…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="662" />
      <source>Preview (样张): {pages} page(s). Nothing is numbered or logged until you print or save.</source>
      <translation>预览（样张）：共{pages}页。打印或保存前不编号、不登记。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="413" />
      <source>Preview: {title}</source>
      <translation>预览：{title}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="726" />
      <location filename="src/villagedesk/gui/printing.py" line="781" />
      <source>Print</source>
      <translation>打印</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/print_forms.py" line="73" />
      <source>Print for {name}</source>
      <translation>打印：{name}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="94" />
      <source>Print home-visit list…</source>
      <translation>打印入户走访清单…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="376" />
      <source>Print the receipt?</source>
      <translation>是否打印缴费凭证？</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="229" />
      <source>Print today's slips…</source>
      <translation>打印今日认证回执…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/print_forms.py" line="94" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="180" />
      <source>Printed</source>
      <translation>打印时间</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/print_forms.py" line="120" />
      <source>Printed &amp;before (reprint 补打)</source>
      <translation>已打印（补打）(&amp;B)</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="177" />
      <source>Printed documents</source>
      <translation>已打印文书</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="775" />
      <source>Printing cancelled.</source>
      <translation>已取消打印。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="782" />
      <source>Printing page {n} of {total}…</source>
      <translation>正在打印第{n}页，共{total}页…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="389" />
      <source>Printing receipts is not available in this build yet.</source>
      <translation>本版本暂不支持打印缴费凭证。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/print_forms.py" line="266" />
      <source>Print…</source>
      <translation>打印…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/import_roster.py" line="69" />
      <source>Problem</source>
      <translation>问题</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="114" />
      <source>Program too old</source>
      <translation>程序版本过旧</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="498" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="161" />
      <location filename="src/villagedesk/gui/pages/training.py" line="49" />
      <source>Programme</source>
      <translation>培训项目</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="275" />
      <source>Province</source>
      <translation>省份</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="36" />
      <source>Public security</source>
      <translation>公安</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="70" />
      <source>Published</source>
      <translation>发布日期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/login.py" line="60" />
      <source>Quit</source>
      <translation>退出</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/import_roster.py" line="105" />
      <source>Reading the file…</source>
      <translation>正在读取文件…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="72" />
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="865" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="447" />
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="54" />
      <source>Reason for the dispute</source>
      <translation>异议理由</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="158" />
      <source>Reason for the dispute:</source>
      <translation>异议理由：</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="890" />
      <source>Reason: is too short</source>
      <translation>原因：过短</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="456" />
      <source>Received</source>
      <translation>接收</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="885" />
      <source>Receiving changes: {done} records, {kb} KB</source>
      <translation>正在接收变更：{done}条，{kb} KB</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="851" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="436" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="450" />
      <source>Record</source>
      <translation>记录</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/training.py" line="136" />
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="199" />
      <source>Record &amp;outcome</source>
      <translation>登记结果(&amp;O)</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="289" />
      <source>Record a contribution</source>
      <translation>登记缴费</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="721" />
      <source>Record a death</source>
      <translation>死亡登记</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="962" />
      <source>Record contribution</source>
      <translation>缴费</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="136" />
      <source>Record contribution…</source>
      <translation>登记缴费…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="966" />
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="732" />
      <source>Record death</source>
      <translation>死亡登记</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="861" />
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="862" />
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="884" />
      <source>Record to reverse</source>
      <translation>要冲正的记录</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="761" />
      <source>Record {name} as deceased on {date}? Pension payment stops and the enrolment ends.</source>
      <translation>确认登记{name}于{date}死亡？养老金将停发，参保关系终止。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="348" />
      <source>Recorded as deceased on {date}.</source>
      <translation>已登记于{date}死亡。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="883" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="721" />
      <source>Refer to a vacancy</source>
      <translation>岗位推荐</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="111" />
      <source>Referral letter</source>
      <translation>岗位推荐函</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="790" />
      <source>Referral outcome</source>
      <translation>推荐结果</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="166" />
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="193" />
      <source>Referrals</source>
      <translation>推荐记录</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="78" />
      <source>Referred</source>
      <translation>推荐日期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/reports.py" line="81" />
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="113" />
      <source>Refused by the county</source>
      <translation>县级拒绝</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="107" />
      <source>Refused: correct the ID number</source>
      <translation>被退回：请更正身份证号码</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="112" />
      <source>Register a household</source>
      <translation>按户登记</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="44" />
      <source>Register a person</source>
      <translation>人员登记</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/persons.py" line="81" />
      <source>Register household…</source>
      <translation>按户登记…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/persons.py" line="80" />
      <source>Register person…</source>
      <translation>人员登记…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="445" />
      <source>Registered here as</source>
      <translation>本站登记为</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="27" />
      <source>Registered poor, not enrolled</source>
      <translation>建档立卡贫困人口未参保</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="109" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="223" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="63" />
      <source>Relation</source>
      <translation>与户主关系</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="93" />
      <source>Relation to head</source>
      <translation>与户主关系</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="110" />
      <source>Repeat password</source>
      <translation>确认密码</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/reports.py" line="102" />
      <source>Report of {date}</source>
      <translation>{date}报表</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="114" />
      <source>Report tables</source>
      <translation>统计报表</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="42" />
      <location filename="src/villagedesk/gui/pages/reports.py" line="38" />
      <source>Reports</source>
      <translation>报表</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/print_forms.py" line="98" />
      <source>Reprint</source>
      <translation>补打</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="911" />
      <source>Reprint (补打) of {serial}, printed {date}.</source>
      <translation>补打：原编号{serial}，原打印时间{date}。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="675" />
      <source>Requirements</source>
      <translation>招聘要求</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="359" />
      <source>Restore selected (supervisor)</source>
      <translation>恢复所选备份（主管）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="308" />
      <source>Restore the backup of {made}? Work saved since then is replaced by the backup; changes not yet sent to the county are kept and sent. Sync pauses until a supervisor confirms on the Sync page.</source>
      <translation>恢复 {made} 的备份？此后保存的工作将被备份内容替换；尚未发送到县里的修改会保留并发送。同步将暂停，直到主管在“同步”页确认。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="326" />
      <source>Restored. {kept} changes not yet sent are kept. The database as it was is saved as {safety}. Sync is paused until a supervisor confirms.</source>
      <translation>已恢复。保留了 {kept} 条尚未发送的修改。恢复前的数据库已另存为 {safety}。同步已暂停，等待主管确认。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="55" />
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="56" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="454" />
      <source>Result</source>
      <translation>结果</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="868" />
      <source>Reverse</source>
      <translation>冲正</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="898" />
      <source>Reverse the {record} for {period} ({amount})? A reversing entry is added; the original stays in the ledger.</source>
      <translation>冲正{period}的{record}记录（{amount}）？将新增一笔冲正记录，原记录仍保留在台账中。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="348" />
      <location filename="src/villagedesk/gui/pages/settings.py" line="114" />
      <source>Role</source>
      <translation>角色</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/import_roster.py" line="60" />
      <location filename="src/villagedesk/gui/dialogs/import_roster.py" line="67" />
      <source>Row</source>
      <translation>行号</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/import_roster.py" line="74" />
      <source>Rows with errors</source>
      <translation>有错误的行</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="106" />
      <source>Same person: merged by the county</source>
      <translation>同一人：县级已合并</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/widgets/forms.py" line="74" />
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="456" />
      <source>Save as P&amp;DF…</source>
      <translation>另存为PDF(&amp;D)…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="794" />
      <location filename="src/villagedesk/gui/printing.py" line="817" />
      <source>Save as PDF</source>
      <translation>另存为PDF</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="822" />
      <source>Saved to {path}.</source>
      <translation>已保存到{path}。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/reports.py" line="167" />
      <source>Saved {path}</source>
      <translation>已保存：{path}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="225" />
      <source>Scan or type the ID number, then Enter</source>
      <translation>扫描或输入身份证号码后按回车</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="283" />
      <source>Scan the ID card or type the ID number and press Enter.</source>
      <translation>请扫描身份证或输入身份证号码，然后按回车。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="20" />
      <source>Scheme rules</source>
      <translation>制度规则</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="82" />
      <location filename="src/villagedesk/gui/main_window.py" line="207" />
      <source>Search: name, pinyin initials or ID number</source>
      <translation>搜索：姓名、拼音首字母或身份证号码</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="459" />
      <source>Seconds</source>
      <translation>用时（秒）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="303" />
      <source>Select a backup first.</source>
      <translation>请先选择一个备份。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="883" />
      <source>Sending changes: {done} of {total} records, {kb} KB</source>
      <translation>正在发送变更：{done}/{total}条，{kb} KB</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="455" />
      <source>Sent</source>
      <translation>发送</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="609" />
      <source>Sent {pushed} changes, received {pulled}; {conflicts} conflicts to look at.</source>
      <translation>发送{pushed}条变更，接收{pulled}条；{conflicts}个冲突待处理。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/print_forms.py" line="96" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="180" />
      <source>Serial</source>
      <translation>编号</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="80" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="421" />
      <source>Server address</source>
      <translation>服务器地址</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="350" />
      <source>Set password of selected</source>
      <translation>重设所选账号密码</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="141" />
      <source>Set up this counter</source>
      <translation>初始化本服务站</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="45" />
      <location filename="src/villagedesk/gui/pages/settings.py" line="40" />
      <location filename="src/villagedesk/gui/pages/settings.py" line="215" />
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="198" />
      <source>Show c&amp;losed</source>
      <translation>显示已关闭(&amp;L)</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="149" />
      <source>Show:</source>
      <translation>显示：</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="262" />
      <source>Size (KB)</source>
      <translation>大小（KB）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="152" />
      <source>Something went wrong: {error}</source>
      <translation>发生错误：{error}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="68" />
      <source>Source</source>
      <translation>来源</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="506" />
      <source>Started on</source>
      <translation>开始日期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="53" />
      <source>Station name</source>
      <translation>服务站名称</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="632" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="257" />
      <location filename="src/villagedesk/gui/pages/certification.py" line="181" />
      <location filename="src/villagedesk/gui/pages/pension.py" line="163" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="53" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="99" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="441" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="117" />
      <source>Status: {status}, due by {date}</source>
      <translation>状态：{status}，截止{date}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="50" />
      <source>Statuses</source>
      <translation>身份类别</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="805" />
      <source>Stop payment</source>
      <translation>停发</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="790" />
      <source>Stop payment after a death</source>
      <translation>死亡后停发待遇</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="968" />
      <source>Stop payment after death</source>
      <translation>死亡停发</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="92" />
      <source>Stopped</source>
      <translation>已停发</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="447" />
      <source>Stopped. {n} pensioners were paid before you cancelled ({amount}).</source>
      <translation>已中止。取消前已向{n}名领取人员发放（{amount}）。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="98" />
      <source>Subsidy</source>
      <translation>政府补贴</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="258" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="422" />
      <source>Survey date</source>
      <translation>登记日期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/labour.py" line="124" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="144" />
      <location filename="src/villagedesk/gui/pages/training.py" line="62" />
      <source>Surveyed</source>
      <translation>登记日期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="625" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="112" />
      <location filename="src/villagedesk/gui/policy_labels.py" line="22" />
      <source>Survival certification</source>
      <translation>生存认证</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="30" />
      <source>Survival certification due within 30 days</source>
      <translation>30天内生存认证到期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="31" />
      <source>Survival certification overdue</source>
      <translation>生存认证已逾期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="108" />
      <source>Survival-certification slip</source>
      <translation>资格认证回执</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="109" />
      <source>Survival-certification slips of a day</source>
      <translation>当日资格认证回执</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="427" />
      <source>Suspend overdue</source>
      <translation>暂停逾期人员待遇</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="228" />
      <source>Suspend overdue…</source>
      <translation>暂停逾期待遇…</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="431" />
      <source>Suspend the pension of {n} pensioner(s) not certified in time? Payment resumes, with the months missed, when they are certified.</source>
      <translation>暂停{n}名逾期未认证人员的养老金？认证后恢复发放，并补发暂停期间的待遇。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="91" />
      <source>Suspended</source>
      <translation>暂停发放</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="86" />
      <source>Suspended or terminated</source>
      <translation>暂停或终止</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="44" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="267" />
      <source>Sync</source>
      <translation>同步</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="138" />
      <source>Sync cancelled. What was already sent is kept; the rest goes next time.</source>
      <translation>同步已取消。已发送的数据保留，其余数据下次同步时发送。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="904" />
      <source>Sync finished.</source>
      <translation>同步完成。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="719" />
      <source>Sync is paused after a restore: a supervisor must confirm first.</source>
      <translation>恢复备份后同步已暂停：需主管先确认。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="418" />
      <source>Sync now</source>
      <translation>立即同步</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="430" />
      <source>Sync paused after a restore</source>
      <translation>恢复备份后同步已暂停</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/training.py" line="131" />
      <source>T&amp;rade:</source>
      <translation>工种(&amp;R)：</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="239" />
      <source>Table</source>
      <translation>参数表</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/reports.py" line="83" />
      <source>Targets for registered-poor persons (target 100%)</source>
      <translation>建档立卡贫困人口指标（目标100%）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="41" />
      <source>The 12-digit village code and the station's name.</source>
      <translation>12位村级区划代码和服务站名称。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="319" />
      <source>The ID number {reason}.</source>
      <translation>身份证号码{reason}。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="292" />
      <source>The backup failed: {why}</source>
      <translation>备份失败：{why}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="627" />
      <source>The counts here and at the county differ: {tables}. Sync again; if it stays, tell the county.</source>
      <translation>本站与县级的记录数不一致：{tables}。请再次同步；如仍不一致，请告知县里。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="166" />
      <source>The county does not recognise this counter (or the token was already used). Ask the county for a new enrolment token.</source>
      <translation>县级系统无法识别本服务站（或令牌已被使用）。请向县里申请新的接入令牌。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="161" />
      <source>The county has switched this counter off. Ask the county for a new enrolment token.</source>
      <translation>县里已停用本服务站。请向县里申请新的接入令牌。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="170" />
      <source>The county refused the sync; nothing was changed there. Its reason: {reason}</source>
      <translation>县级拒绝了本次同步，县里数据未作改动。原因：{reason}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="142" />
      <source>The county server cannot be reached. Check the network cable or Wi-Fi. Nothing is lost: the changes wait here and are sent at the next sync.</source>
      <translation>无法连接县级服务器，请检查网线或Wi-Fi。数据不会丢失：变更保存在本机，下次同步时发送。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="851" />
      <source>The county server cannot be reached. Try again later.</source>
      <translation>无法连接县级服务器，请稍后再试。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="174" />
      <source>The county server had a problem. Nothing was lost; try again later.</source>
      <translation>县级服务器出现问题。数据没有丢失，请稍后再试。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="488" />
      <source>The database was restored from a backup ({backup}) on {at} by {who}. Sync stays paused until a supervisor has checked the data and confirms.</source>
      <translation>数据库已于 {at} 由 {who} 从备份（{backup}）恢复。在主管核对数据并确认之前，同步保持暂停。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="144" />
      <source>The document cannot be made: {reason}.</source>
      <translation>无法生成文书：{reason}。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/import_roster.py" line="140" />
      <source>The file cannot be imported: {error}</source>
      <translation>文件无法导入：{error}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="818" />
      <source>The file could not be written: {error}</source>
      <translation>文件写入失败：{error}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="263" />
      <source>The list could not be loaded: {error}</source>
      <translation>名单加载失败：{error}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="274" />
      <source>The lists could not be loaded: {error}</source>
      <translation>名单加载失败：{error}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="845" />
      <source>The new version was verified; its installer is starting.</source>
      <translation>新版本已通过签名校验，正在启动安装程序。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="853" />
      <source>The package did not pass the check and was not installed: {reason}</source>
      <translation>安装包未通过校验，未安装：{reason}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="146" />
      <source>The pages cannot be shown or printed: the program {tool} (poppler) is missing. Save as PDF still works.</source>
      <translation>无法显示或打印页面：缺少程序 {tool}（poppler）。仍可另存为PDF。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="649" />
      <source>The pension is suspended since {month}: certifying resumes it and back-pays the months missed.</source>
      <translation>养老金自{month}起暂停发放：认证后恢复发放，并补发暂停期间的待遇。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="372" />
      <source>The pension is suspended since {month}: certifying resumes it and back-pays the months missed. Press Enter to certify.</source>
      <translation>养老金自{month}起暂停发放：认证后恢复发放，并补发暂停期间的待遇。按回车认证。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="496" />
      <source>The pension policy for this date is missing.</source>
      <translation>缺少该日期适用的养老金政策。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="353" />
      <source>The policy tables in force, published by the county. Rows marked 'default' are placeholders the county must confirm. They cannot be changed at the village.</source>
      <translation>县里发布的现行政策参数表。标为“默认值，待确认”的行是待县里确认的默认值。村级不能修改。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="151" />
      <source>The printer could not be started.</source>
      <translation>无法启动打印机。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/reports.py" line="107" />
      <source>The report could not be built: {error}</source>
      <translation>报表生成失败：{error}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/app.py" line="57" />
      <source>The station database is encrypted and its key is not available to this user on this computer, so it cannot be opened.

{detail}</source>
      <translation>站点数据库已加密，本电脑上的此用户没有它的密钥，因此无法打开。

{detail}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="93" />
      <source>The supervisor adds the other clerks' accounts.</source>
      <translation>其他经办人的账号由主管添加。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="597" />
      <source>The suspended pension is paid again from this month.</source>
      <translation>暂停的养老金自本月起恢复发放。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="602" />
      <source>The suspended pension is paid again; {n} month(s) back-paid ({span}): {amount}.</source>
      <translation>暂停的养老金已恢复发放；补发{n}个月（{span}）：{amount}。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="176" />
      <source>The sync could not start: {error}</source>
      <translation>同步无法开始：{error}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="177" />
      <source>The sync failed: {error}</source>
      <translation>同步失败：{error}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="113" />
      <source>The work-lists could not be prepared: {error}</source>
      <translation>工作清单生成失败：{error}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="765" />
      <source>There is no open vacancy.</source>
      <translation>目前没有在招岗位。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="142" />
      <source>These results come from the county's data matching with the lists of other departments; the county has already changed the records. Confirm each one, or dispute it with a reason if you know it is wrong (for example, the person is alive). Your answers reach the county at the next sync.</source>
      <translation>以下结果来自县里与公安、民政、扶贫办、残联等部门名单的数据比对，县里已据此修改了记录。请逐条确认；如您确知结果有误（例如本人仍健在），请填写理由提出异议。答复在下次同步时报送县里。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/login.py" line="92" />
      <source>This account is disabled. Ask the supervisor.</source>
      <translation>该账号已停用，请联系主管。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="40" />
      <source>This counter</source>
      <translation>本服务站</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="147" />
      <source>This counter is not enrolled with the county yet. Enter the server address and the token from the county below, then press Enrol.</source>
      <translation>本服务站尚未接入县级系统。请在下方填写县里提供的服务器地址和令牌，然后点击“接入”。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="56" />
      <source>This page is not available in this build.</source>
      <translation>本版本暂不提供此页面。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="886" />
      <source>This person has no contribution or payment to correct.</source>
      <translation>此人没有可冲正的缴费或发放记录。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="156" />
      <source>This program is too old for the county server. Install villagedesk {version} or newer, then sync again.</source>
      <translation>本程序版本过旧，县级服务器不再支持。请安装 villagedesk {version} 或更新版本后再同步。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="132" />
      <source>This year</source>
      <translation>本年缴费</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="84" />
      <source>This year not paid</source>
      <translation>本年度未缴费</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="85" />
      <source>This year paid</source>
      <translation>本年度已缴费</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="32" />
      <source>This year's contribution not paid</source>
      <translation>本年度未缴费</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="53" />
      <location filename="src/villagedesk/gui/pages/training.py" line="52" />
      <source>To</source>
      <translation>截止</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="239" />
      <source>To certify: {due} due soon, {overdue} overdue</source>
      <translation>待认证：即将到期{due}人，已逾期{overdue}人</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="35" />
      <location filename="src/villagedesk/gui/pages/home.py" line="44" />
      <source>Today's work</source>
      <translation>今日工作</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/login.py" line="87" />
      <source>Too many wrong passwords. Locked until {time}.</source>
      <translation>密码错误次数过多，已锁定至{time}。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="428" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="504" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="161" />
      <location filename="src/villagedesk/gui/pages/training.py" line="50" />
      <source>Trade</source>
      <translation>工种</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="304" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="372" />
      <source>Trade to learn</source>
      <translation>意向工种</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/training.py" line="61" />
      <source>Trade wanted</source>
      <translation>意向工种</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="882" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="490" />
      <location filename="src/villagedesk/gui/main_window.py" line="38" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="158" />
      <location filename="src/villagedesk/gui/pages/training.py" line="68" />
      <source>Training</source>
      <translation>培训</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/training.py" line="137" />
      <source>Training &amp;need</source>
      <translation>培训需求(&amp;N)</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="881" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="414" />
      <source>Training need</source>
      <translation>培训需求</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/training.py" line="134" />
      <source>Training needs</source>
      <translation>培训需求</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="541" />
      <source>Training outcome</source>
      <translation>培训结果</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/training.py" line="133" />
      <source>Trainings</source>
      <translation>培训记录</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="28" />
      <source>Turning 60 within 3 months</source>
      <translation>3个月内年满60周岁</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="26" />
      <source>Unemployment benefit</source>
      <translation>失业保险金</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="112" />
      <source>Unemployment-benefit estimate</source>
      <translation>失业保险金测算单</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/print_forms.py" line="141" />
      <source>Unemployment-insurance contribution &amp;years</source>
      <translation>失业保险缴费年限(&amp;Y)</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/login.py" line="57" />
      <source>Unlock</source>
      <translation>解锁</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/login.py" line="51" />
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="107" />
      <location filename="src/villagedesk/gui/pages/settings.py" line="345" />
      <location filename="src/villagedesk/gui/pages/settings.py" line="112" />
      <source>Username</source>
      <translation>用户名</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="39" />
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="110" />
      <source>Vacancies</source>
      <translation>岗位</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="744" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="767" />
      <source>Vacancy</source>
      <translation>岗位</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="743" />
      <source>Vacancy *</source>
      <translation>岗位 *</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="243" />
      <source>Value</source>
      <translation>取值</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="807" />
      <source>Version {version} is available from the county.</source>
      <translation>县级服务器提供了新版本 {version}。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="802" />
      <source>Version {version} is available. This version is too old for the county: install the new one to keep syncing.</source>
      <translation>有新版本 {version}。当前版本过旧，县级服务器已不再接受同步：请安装新版本后继续同步。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="448" />
      <source>Village</source>
      <translation>村</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="51" />
      <source>Village code</source>
      <translation>村级区划代码</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/training.py" line="55" />
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="69" />
      <location filename="src/villagedesk/gui/pages/vacancies.py" line="88" />
      <source>Wage</source>
      <translation>工资</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="707" />
      <source>Wage (yuan a month)</source>
      <translation>月工资（元）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="664" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="681" />
      <source>Wage from</source>
      <translation>工资下限</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="667" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="681" />
      <source>Wage up to</source>
      <translation>工资上限</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="42" />
      <source>Waiting</source>
      <translation>待确认</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="48" />
      <source>Waiting for an answer</source>
      <translation>待确认</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="105" />
      <source>Waiting for the county</source>
      <translation>等待县级处理</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="262" />
      <source>Waiting to sync: {n}</source>
      <translation>待同步：{n}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="302" />
      <source>Wants</source>
      <translation>意愿</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="294" />
      <source>Wants a job</source>
      <translation>有就业意愿</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="730" />
      <source>Wants to learn: {trade}</source>
      <translation>意向工种：{trade}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="299" />
      <source>Wants to start a business</source>
      <translation>有创业意愿</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="296" />
      <source>Wants training</source>
      <translation>有培训意愿</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="810" />
      <source>What is new: {notes}</source>
      <translation>更新内容：{notes}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="453" />
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="450" />
      <source>Who</source>
      <translation>人员</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="94" />
      <source>Whole page</source>
      <translation>整页</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="450" />
      <source>Why the county did not apply it</source>
      <translation>县级未采用的原因</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="159" />
      <source>Why the county's result is wrong (needed to dispute)</source>
      <translation>比对结果为何有误（提出异议时必填）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="732" />
      <source>Works in: {industry}</source>
      <translation>从事行业：{industry}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/login.py" line="94" />
      <source>Wrong username or password.</source>
      <translation>用户名或密码错误。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="295" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="98" />
      <location filename="src/villagedesk/gui/roster_labels.py" line="21" />
      <source>Year</source>
      <translation>年度</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="852" />
      <source>Year / month</source>
      <translation>年度/月份</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="288" />
      <source>a job</source>
      <translation>就业</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="47" />
      <source>account divisor (months)</source>
      <translation>个人账户计发月数</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="241" />
      <source>all</source>
      <translation>全部</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="53" />
      <source>all posts of this vacancy are filled</source>
      <translation>该岗位已招满</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="48" />
      <source>already holds a station</source>
      <translation>已建立服务站</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="30" />
      <source>already insured in the employee scheme</source>
      <translation>已参加职工养老保险</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="34" />
      <source>already lifted out of poverty in {year}</source>
      <translation>已记录{year}年脱贫</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="39" />
      <source>already receives another state pension</source>
      <translation>已领取其他基本养老保险待遇</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="40" />
      <source>already receives the pension</source>
      <translation>已在领取养老金</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="36" />
      <source>already recorded as deceased on {on}</source>
      <translation>已记录于{on}死亡</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="30" />
      <source>already {status} from {start} to {end}</source>
      <translation>{start}至{end}已是{status}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="29" />
      <source>already {status} since {start}</source>
      <translation>自{start}起已是{status}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="38" />
      <source>amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="120" />
      <source>at least {n} characters</source>
      <translation>密码至少{n}个字符</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="64" />
      <source>at most months</source>
      <translation>最长月数</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="110" />
      <source>at the counter</source>
      <translation>窗口认证</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="382" />
      <source>automatic</source>
      <translation>自动</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="50" />
      <source>back pay from</source>
      <translation>补发起始</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="56" />
      <source>back pay when resumed</source>
      <translation>恢复后补发</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="102" />
      <source>back-pay</source>
      <translation>补缴/补发</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="482" />
      <source>balance {balance} ÷ {divisor} = {part}</source>
      <translation>账户余额 {balance} ÷ {divisor} = {part}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="60" />
      <source>base years</source>
      <translation>基准年限</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="384" />
      <source>before a restore</source>
      <translation>恢复前</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="385" />
      <source>before an upgrade</source>
      <translation>升级前</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="97" />
      <source>being paid</source>
      <translation>正常发放</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="123" />
      <source>belongs to another person</source>
      <translation>属于其他人员</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="70" />
      <source>birthday month</source>
      <translation>生日所在月</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="31" />
      <source>bonus per year of contributions</source>
      <translation>缴费年限加发</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="39" />
      <source>born {date}</source>
      <translation>{date}出生</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/settings.py" line="383" />
      <source>by hand</source>
      <translation>手动</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="58" />
      <source>cannot be read: save it again as .xlsx or .csv</source>
      <translation>无法读取：请另存为 .xlsx 或 .csv 后重试</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="51" />
      <source>categories</source>
      <translation>适用人群</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="106" />
      <source>certified</source>
      <translation>已认证</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="68" />
      <source>city</source>
      <translation>设区市</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="58" />
      <source>class</source>
      <translation>类别</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="144" />
      <source>clerk</source>
      <translation>经办人</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="78" />
      <source>confirmed by the county</source>
      <translation>县级已确认</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="105" />
      <location filename="src/villagedesk/gui/policy_labels.py" line="69" />
      <source>county</source>
      <translation>县级</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="113" />
      <source>data matching</source>
      <translation>数据比对</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="119" />
      <source>deceased</source>
      <translation>已死亡</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="37" />
      <source>deceased on {on}</source>
      <translation>于{on}死亡</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="43" />
      <source>deceased {date}</source>
      <translation>{date}死亡</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="141" />
      <source>declined</source>
      <translation>本人放弃</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="79" />
      <source>default, to be confirmed</source>
      <translation>默认值，待确认</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="142" />
      <source>did not go</source>
      <translation>未前往</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="88" />
      <source>disability</source>
      <translation>残疾</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="40" />
      <source>disability grades paid in full</source>
      <translation>全额代缴的残疾等级</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="84" />
      <source>disabled, grade 1</source>
      <translation>一级残疾</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="85" />
      <source>disabled, grade 2</source>
      <translation>二级残疾</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="86" />
      <source>disabled, grade 3</source>
      <translation>三级残疾</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="54" />
      <source>does not apply here</source>
      <translation>此处不适用</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="92" />
      <source>does not apply to the other answers</source>
      <translation>与其他填写项不符，不适用</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="26" />
      <source>does not exist</source>
      <translation>不存在</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="89" />
      <source>does not fit the person's age on the survey date</source>
      <translation>与此人登记日的年龄不符</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="124" />
      <source>does not match the document printed before</source>
      <translation>与此前打印的文书不一致</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="52" />
      <source>does not match the registered name {registered}</source>
      <translation>与登记姓名“{registered}”不符</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="41" />
      <source>does not receive the pension</source>
      <translation>未领取养老金</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="15" />
      <source>does not start with a real province code</source>
      <translation>前两位不是有效的省份代码</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="360" />
      <source>due by {date}</source>
      <translation>截止{date}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="108" />
      <source>due soon</source>
      <translation>即将到期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="117" />
      <source>elderly</source>
      <translation>老年人</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="130" />
      <source>employer-organised</source>
      <translation>用人单位组织</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="31" />
      <source>enrols where the household registration is</source>
      <translation>应在户籍所在地参保</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="87" />
      <source>every post of this vacancy is filled</source>
      <translation>该岗位已招满</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="43" />
      <source>exactly one member must be the head of household</source>
      <translation>必须有且只有一名户主</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="87" />
      <source>extreme poverty support</source>
      <translation>特困</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="87" />
      <source>extreme poverty support, class 1</source>
      <translation>特困人员（一类）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="88" />
      <source>extreme poverty support, class 2</source>
      <translation>特困人员（二类）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="89" />
      <source>extreme poverty support, class 3</source>
      <translation>特困人员（三类）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="73" />
      <source>extremely poor</source>
      <translation>特困人员</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="61" />
      <source>falls inside {status} from {start} to {end}</source>
      <translation>落在{start}至{end}的{status}期间内</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="96" />
      <source>family-planning special support</source>
      <translation>计划生育特别扶助</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="90" />
      <source>family-planning support</source>
      <translation>计划生育扶助</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="121" />
      <source>farming</source>
      <translation>务农</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="80" />
      <source>female</source>
      <translation>女</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="125" />
      <source>flexible employment</source>
      <translation>灵活就业</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="129" />
      <source>found own job</source>
      <translation>自主就业</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="80" />
      <source>from the seed document</source>
      <translation>来自政策文件</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="128" />
      <source>government-organised</source>
      <translation>政府组织</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="36" />
      <source>grade</source>
      <translation>档次</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="11" />
      <source>has a character that is not allowed</source>
      <translation>含有不允许的字符</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="17" />
      <source>has a county code that is not in the table (check it)</source>
      <translation>县级代码不在代码表中（请核对）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="14" />
      <source>has a wrong check character (typing error?)</source>
      <translation>校验码错误（是否输错？）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="52" />
      <source>has already been corrected</source>
      <translation>已冲正</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="47" />
      <source>has an unknown province</source>
      <translation>省份代码无效</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="59" />
      <source>has changed since it was checked: check it again</source>
      <translation>检查后文件已被修改：请重新检查</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="38" />
      <source>has not reached the pension age</source>
      <translation>未达到待遇领取年龄</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="16" />
      <source>has the sequence number 000</source>
      <translation>顺序码为000</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="97" />
      <location filename="src/villagedesk/gui/labels.py" line="22" />
      <location filename="src/villagedesk/gui/printing.py" line="125" />
      <source>has the wrong format</source>
      <translation>格式不正确</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="10" />
      <source>has the wrong number of characters</source>
      <translation>位数不对</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="37" />
      <source>has too few contribution years</source>
      <translation>缴费年限不足</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="668" />
      <source>held by {name} here</source>
      <translation>本站登记为{name}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="62" />
      <source>highest rate</source>
      <translation>最高比例</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="139" />
      <source>hired</source>
      <translation>已录用</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="13" />
      <source>holds a birth date in the future</source>
      <translation>出生日期晚于今天</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="12" />
      <source>holds a birth date that does not exist</source>
      <translation>出生日期不存在</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="111" />
      <source>home visit</source>
      <translation>上门认证</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="136" />
      <source>in Guangxi, outside the county</source>
      <translation>区内县外</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="135" />
      <source>in the county</source>
      <translation>县内</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="46" />
      <source>is after the person's death on {death}</source>
      <translation>晚于本人死亡日期{death}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="32" />
      <source>is already enrolled</source>
      <translation>已参保</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="51" />
      <source>is already recorded as deceased</source>
      <translation>已登记死亡</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="88" />
      <location filename="src/villagedesk/gui/labels.py" line="18" />
      <source>is already registered</source>
      <translation>已登记</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="85" />
      <source>is already registered here</source>
      <translation>已在本站登记</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="20" />
      <source>is before the birth date</source>
      <translation>早于出生日期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="60" />
      <source>is before the pension was awarded</source>
      <translation>早于待遇核定时间</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="58" />
      <source>is before the referral date</source>
      <translation>早于推荐日期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="96" />
      <source>is before the referral was made</source>
      <translation>早于推荐日期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="55" />
      <source>is before the start date</source>
      <translation>早于开始日期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="50" />
      <source>is before the status started on {start}</source>
      <translation>早于该身份的开始日期{start}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="93" />
      <source>is before the training started</source>
      <translation>早于培训开始日期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="56" />
      <source>is below the minimum</source>
      <translation>低于下限</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="94" />
      <source>is below the minimum wage offered</source>
      <translation>低于岗位工资下限</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="57" />
      <source>is in the past</source>
      <translation>早于今天</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="44" />
      <source>is longer than {most} characters</source>
      <translation>超过{most}个字</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="34" />
      <source>is not a contribution grade in force</source>
      <translation>不是现行缴费档次</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="64" />
      <source>is not a real date</source>
      <translation>不是有效日期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="46" />
      <source>is not a valid division code</source>
      <translation>不是有效的区划代码</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="33" />
      <source>is not enrolled in the resident pension</source>
      <translation>未参加城乡居民养老保险</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="23" />
      <source>is not one of the allowed values</source>
      <translation>不是允许的值</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="24" />
      <source>is out of range</source>
      <translation>超出范围</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="372" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="838" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="767" />
      <location filename="src/villagedesk/gui/labels.py" line="9" />
      <location filename="src/villagedesk/gui/widgets/forms.py" line="115" />
      <source>is required</source>
      <translation>必填</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="21" />
      <source>is too long</source>
      <translation>过长</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="50" />
      <source>is too short</source>
      <translation>过短</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="748" />
      <source>last paid {month}</source>
      <translation>最近发放至{month}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="32" />
      <source>lifted out in {year}</source>
      <translation>{year}年脱贫</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="27" />
      <source>lifted out of poverty in {year}</source>
      <translation>{year}年脱贫</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="28" />
      <source>lifted-out year {old} changed to {year}</source>
      <translation>脱贫年份由{old}年改为{year}年</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="43" />
      <source>local</source>
      <translation>地方</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="123" />
      <source>local employment</source>
      <translation>本地就业</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="41" />
      <source>local share paid by</source>
      <translation>地方承担方</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="80" />
      <source>male</source>
      <translation>男</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="408" />
      <source>may back-pay {n} year(s)</source>
      <translation>可补缴{n}年</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="52" />
      <source>minimum age</source>
      <translation>最低年龄</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="48" />
      <source>minimum enrolment age</source>
      <translation>最低参保年龄</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="86" />
      <location filename="src/villagedesk/gui/policy_labels.py" line="72" />
      <source>minimum living allowance</source>
      <translation>低保</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="93" />
      <source>minimum living allowance, class 1</source>
      <translation>低保对象（一类）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="94" />
      <source>minimum living allowance, class 2</source>
      <translation>低保对象（二类）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="95" />
      <source>minimum living allowance, class 3</source>
      <translation>低保对象（三类）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="46" />
      <source>minimum years</source>
      <translation>最低缴费年限</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="120" />
      <source>missing</source>
      <translation>下落不明</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="63" />
      <source>months by years paid</source>
      <translation>按缴费年限的领取月数</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="63" />
      <source>must be a date such as 2026-03-01 or 2026/3/1</source>
      <translation>须为日期，如 2026-03-01 或 2026/3/1</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="45" />
      <source>must be a village code (12 digits)</source>
      <translation>须为12位村级区划代码</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="65" />
      <source>must be a whole number</source>
      <translation>须为整数</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="45" />
      <source>must be between {low} and {high}</source>
      <translation>须在{low}至{high}之间</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/widgets/fields.py" line="87" />
      <location filename="src/villagedesk/gui/widgets/fields.py" line="73" />
      <source>must have 15 or 18 characters</source>
      <translation>应为15位或18位</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="83" />
      <source>must have 18 characters</source>
      <translation>应为18位</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="95" />
      <source>must not be before today</source>
      <translation>不能早于今天</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="19" />
      <source>must not be in the future</source>
      <translation>不能晚于今天</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="25" />
      <source>must not be negative</source>
      <translation>不能为负数</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="77" />
      <source>national rule</source>
      <translation>国家规定</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="53" />
      <source>needs Guangxi hukou</source>
      <translation>须广西户籍</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="537" />
      <source>never</source>
      <translation>从未同步</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="144" />
      <location filename="src/villagedesk/gui/pages/settings.py" line="115" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="131" />
      <location filename="src/villagedesk/gui/pages/training.py" line="43" />
      <location filename="src/villagedesk/gui/policy_labels.py" line="91" />
      <source>no</source>
      <translation>否</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="120" />
      <source>no contribution is recorded</source>
      <translation>没有缴费记录</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="121" />
      <source>no labour survey is recorded</source>
      <translation>没有劳动力登记记录</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/reports.py" line="33" />
      <source>no one to count</source>
      <translation>无统计对象</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="122" />
      <source>no referral is recorded</source>
      <translation>没有推荐记录</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="54" />
      <source>no such person is registered at this station</source>
      <translation>本服务站没有登记此人</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="119" />
      <source>no survival certification is recorded</source>
      <translation>没有认证记录</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="88" />
      <source>nobody under 16 may be referred to a job</source>
      <translation>未满16周岁不得推荐就业</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="260" />
      <source>none</source>
      <translation>无</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="93" />
      <source>normal</source>
      <translation>正常</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="414" />
      <source>normal pension (15 years paid)</source>
      <translation>正常领取（缴费满15年）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/widgets/fields.py" line="130" />
      <source>not an amount in yuan (e.g. 1528.80)</source>
      <translation>不是有效金额（单位元，如 1528.80）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="535" />
      <source>not connected to the county yet</source>
      <translation>尚未接入县级系统</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="71" />
      <source>not due</source>
      <translation>无需缴费</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="92" />
      <source>not enrolled</source>
      <translation>未参保</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="142" />
      <source>not known</source>
      <translation>不详</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="65" />
      <location filename="src/villagedesk/gui/pages/pension.py" line="71" />
      <source>not paid</source>
      <translation>未付</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="127" />
      <source>not transferred</source>
      <translation>未转移就业</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="107" />
      <source>not yet certified</source>
      <translation>未认证</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="433" />
      <source>off</source>
      <translation>关闭</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="657" />
      <source>open</source>
      <translation>待处理</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="83" />
      <source>ordinary resident</source>
      <translation>普通居民</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="97" />
      <location filename="src/villagedesk/gui/labels.py" line="134" />
      <source>other</source>
      <translation>其他</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="137" />
      <source>outside Guangxi</source>
      <translation>区外</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="109" />
      <source>overdue</source>
      <translation>已逾期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="63" />
      <source>overlaps a status of the same kind</source>
      <translation>与同类身份的时间重叠</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="47" />
      <source>overlaps {status} starting {start}</source>
      <translation>与{start}起的{status}重叠</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="65" />
      <location filename="src/villagedesk/gui/pages/pension.py" line="70" />
      <source>paid</source>
      <translation>已付</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/training.py" line="132" />
      <source>part of a trade, e.g. the first character</source>
      <translation>输入工种的一部分，如首字</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="45" />
      <source>pension age</source>
      <translation>领取年龄</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="342" />
      <source>pension {status}, {amount} a month</source>
      <translation>养老金{status}，每月{amount}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="44" />
      <source>per year over 15</source>
      <translation>超过15年每年加发</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="131" />
      <source>poverty-relief workshop</source>
      <translation>扶贫车间</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="107" />
      <source>prefecture city</source>
      <translation>市级</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="270" />
      <source>province</source>
      <translation>省份</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="132" />
      <source>public-welfare job</source>
      <translation>公益性岗位</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="57" />
      <source>rate</source>
      <translation>利率</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="59" />
      <source>rate at the base years</source>
      <translation>基准年限的比例</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="104" />
      <source>recovery</source>
      <translation>追回</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="42" />
      <source>region</source>
      <translation>自治区</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="85" />
      <location filename="src/villagedesk/gui/policy_labels.py" line="71" />
      <source>registered poor</source>
      <translation>建档立卡贫困人口</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="90" />
      <source>registered poor, class 1</source>
      <translation>建档立卡贫困人口（一类）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="91" />
      <source>registered poor, class 2</source>
      <translation>建档立卡贫困人口（二类）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="92" />
      <source>registered poor, class 3</source>
      <translation>建档立卡贫困人口（三类）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="140" />
      <source>rejected by employer</source>
      <translation>单位未录用</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="89" />
      <source>relocated household</source>
      <translation>易地扶贫搬迁户</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="649" />
      <source>resolved: {value}</source>
      <translation>已处理：{value}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="126" />
      <source>returned, not working</source>
      <translation>返乡未就业</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="103" />
      <source>reversal</source>
      <translation>冲正</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="103" />
      <source>row {row}, {column}</source>
      <translation>第{row}行 {column}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="32" />
      <source>scheme start</source>
      <translation>制度实施</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="124" />
      <source>self-employed</source>
      <translation>个体经营</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="112" />
      <source>self-service face check</source>
      <translation>自助人脸认证</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="30" />
      <source>severely disabled</source>
      <translation>重度残疾人</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="69" />
      <location filename="src/villagedesk/gui/pages/certification.py" line="358" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="70" />
      <source>since {date}</source>
      <translation>自{date}起</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="416" />
      <location filename="src/villagedesk/gui/labels.py" line="100" />
      <source>special basic pension</source>
      <translation>直接领取基础养老金</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="49" />
      <source>start</source>
      <translation>开始日期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="71" />
      <source>status</source>
      <translation>身份</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="61" />
      <source>step per year</source>
      <translation>每年增减</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="98" />
      <source>stopped</source>
      <translation>已停发</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="29" />
      <source>students are not enrolled</source>
      <translation>在校学生不参保</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="37" />
      <source>subsidy</source>
      <translation>政府补贴</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="145" />
      <source>supervisor</source>
      <translation>主管</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="94" />
      <source>suspended</source>
      <translation>暂停</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="95" />
      <source>terminated</source>
      <translation>终止</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="57" />
      <source>the column appears twice</source>
      <translation>此列出现了两次</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="61" />
      <source>the enrolment is not in force</source>
      <translation>参保状态不正常</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="56" />
      <source>the file has no such column</source>
      <translation>文件中缺少此列</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="49" />
      <source>the first account must be a supervisor</source>
      <translation>第一个账号必须是主管</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/print_forms.py" line="128" />
      <source>the latest paid</source>
      <translation>最近缴费年度</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="42" />
      <source>the pension is suspended or stopped</source>
      <translation>养老金已暂停或停发</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="38" />
      <source>the pension stops</source>
      <translation>养老金停发</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="49" />
      <source>the person has no open {status} status</source>
      <translation>本人没有正在享受的{status}身份</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="48" />
      <source>the person has several statuses ({kinds}): say which one ends</source>
      <translation>本人有多种身份（{kinds}），请写明退出哪一种</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="51" />
      <source>the person is already recorded as deceased on {death}</source>
      <translation>本人已记录于{death}死亡</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="86" />
      <source>the person is already referred there and waiting</source>
      <translation>此人已推荐到该岗位，正在等待答复</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="55" />
      <source>the person is not registered as poor</source>
      <translation>本人不是建档立卡人员</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="28" />
      <source>the person must be at least 16</source>
      <translation>须年满16周岁</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="36" />
      <source>the person was already 60 that year</source>
      <translation>该年度已满60周岁</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="59" />
      <source>the person's age does not allow this</source>
      <translation>此人年龄不符合要求</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="53" />
      <source>the same person and kind are already in row {first}</source>
      <translation>同一人同一类别已在第{first}行</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="507" />
      <source>the training has ended</source>
      <translation>培训已结束</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="122" />
      <source>the two passwords differ</source>
      <translation>两次输入的密码不一致</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="44" />
      <source>the vacancy is closed</source>
      <translation>该岗位已关闭</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="62" />
      <source>this month is already paid</source>
      <translation>该月已发放</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="27" />
      <source>this person is recorded as deceased</source>
      <translation>此人已登记死亡</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="35" />
      <source>this year is already paid</source>
      <translation>本年度已缴费</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="290" />
      <source>to start a business</source>
      <translation>创业</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="289" />
      <source>training</source>
      <translation>培训</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="99" />
      <source>transitional</source>
      <translation>过渡性</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="415" />
      <source>transitional pension</source>
      <translation>过渡性养老金</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="118" />
      <source>unable to work</source>
      <translation>丧失劳动能力</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="115" />
      <source>under 16</source>
      <translation>未满16周岁</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="118" />
      <source>username: 2-40 letters, digits, '_', '.' or '-'</source>
      <translation>用户名须为2-40个字母、数字或 '_'、'.'、'-'</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="84" />
      <source>uses digits and letters other than I, O, S, V, Z</source>
      <translation>只能包含数字和除 I、O、S、V、Z 以外的字母</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="163" />
      <source>waiting for the answer</source>
      <translation>等待答复</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="670" />
      <source>waits for the county's decision</source>
      <translation>等待县级裁定</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="55" />
      <source>warn days before</source>
      <translation>提前提醒天数</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="54" />
      <source>window</source>
      <translation>认证期</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="116" />
      <source>working age</source>
      <translation>劳动年龄</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="122" />
      <source>working away</source>
      <translation>外出务工</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="39" />
      <source>years still paid after leaving poverty</source>
      <translation>脱贫后继续代缴年数</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="143" />
      <location filename="src/villagedesk/gui/pages/settings.py" line="115" />
      <location filename="src/villagedesk/gui/pages/sync.py" line="131" />
      <location filename="src/villagedesk/gui/pages/training.py" line="43" />
      <location filename="src/villagedesk/gui/policy_labels.py" line="91" />
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="64" />
      <source>you cannot do this to your own account</source>
      <translation>不能对自己的账号进行此操作</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="283" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="461" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="663" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="666" />
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="812" />
      <source>yuan a month</source>
      <translation>元/月</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="182" />
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="169" />
      <location filename="src/villagedesk/gui/pages/certification.py" line="339" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="40" />
      <location filename="src/villagedesk/gui/widgets/fields.py" line="60" />
      <source>{age} years</source>
      <translation>{age}岁</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="743" />
      <source>{amount} a month, {status}</source>
      <translation>每月{amount}，{status}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="546" />
      <source>{amount} a month, {status}, from {month}</source>
      <translation>每月{amount}，{status}，自{month}起</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="112" />
      <source>{amount} yuan</source>
      <translation>{amount}元</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/import_roster.py" line="122" />
      <source>{bad} row(s) have errors: fix the file and choose it again. Nothing will be applied while any row is wrong.</source>
      <translation>{bad}行有错误：请修改文件后重新选择。只要还有错误行，就不会应用任何变更。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="127" />
      <source>{date}: {n} items to do</source>
      <translation>{date}：待办{n}项</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="330" />
      <source>{enrolled} enrolled, {paid} paid for {year} · {active} being paid, {suspended} suspended · {month}: {month_paid} of {active} paid</source>
      <translation>参保{enrolled}人，{year}年度已缴费{paid}人 · 正常发放{active}人，暂停{suspended}人 · {month}：已发放{month_paid}/{active}人</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="194" />
      <source>{grade} yuan a year (subsidy {subsidy})</source>
      <translation>每年{grade}元（政府补贴{subsidy}元）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="76" />
      <source>{kind} (class {level})</source>
      <translation>{kind}（{level}类）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="75" />
      <source>{kind} (grade {level})</source>
      <translation>{kind}（{level}级）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="568" />
      <source>{month} is already paid.</source>
      <translation>{month}已发放。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/pension.py" line="435" />
      <source>{month}: {n} pensioners paid, {amount} in total.</source>
      <translation>{month}：已向{n}名领取人员发放，合计{amount}。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="396" />
      <source>{name} certified ({method}).</source>
      <translation>{name}已认证（{method}）。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="693" />
      <source>{name} is recorded as deceased on {date}.</source>
      <translation>已登记{name}于{date}死亡。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/import_roster.py" line="129" />
      <source>{n} change(s) to apply, {same} row(s) already up to date.</source>
      <translation>待应用变更{n}项，{same}行已是最新。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="621" />
      <source>{n} changes were not applied (see Not applied).</source>
      <translation>{n}条变更未被采用（见“未采用”）。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/persons.py" line="92" />
      <source>{n} found</source>
      <translation>找到{n}人</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="59" />
      <source>{n} of 12 digits</source>
      <translation>已输入{n}位（共12位）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="610" />
      <location filename="src/villagedesk/gui/widgets/fields.py" line="69" />
      <source>{n} of 18 characters</source>
      <translation>已输入{n}位（共18位）</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/printing.py" line="768" />
      <source>{n} page(s) sent to {printer}.</source>
      <translation>已将{n}页发送到{printer}。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="444" />
      <source>{n} pension(s) suspended.</source>
      <translation>已暂停{n}人的养老金。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/labour.py" line="225" />
      <source>{n} persons</source>
      <translation>{n}人</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="625" />
      <source>{n} records moved to another village.</source>
      <translation>{n}条记录已迁往其他村。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="617" />
      <source>{n} registrations wait for the county (same ID number in another village).</source>
      <translation>{n}条登记等待县级处理（其他村有相同身份证号码）。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="211" />
      <source>{n} result(s) confirmed.</source>
      <translation>已确认 {n} 条结果。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/matching_forms.py" line="235" />
      <source>{n} result(s) disputed.</source>
      <translation>已对 {n} 条结果提出异议。</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/certification.py" line="235" />
      <location filename="src/villagedesk/gui/pages/pension.py" line="315" />
      <location filename="src/villagedesk/gui/pages/pension.py" line="316" />
      <source>{n} shown</source>
      <translation>显示{n}条</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="800" />
      <source>{post} at {employer}, referred on {date}: {outcome}</source>
      <translation>{employer}·{post}，{date}推荐：{outcome}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="548" />
      <source>{programme}, {trade}, from {date}</source>
      <translation>{programme}，{trade}，{date}起</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="404" />
      <source>{short} year(s) short of the {required} required</source>
      <translation>距规定的{required}年还差{short}年</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="33" />
      <source>{status} (since {start}) ends on {on}</source>
      <translation>{status}（自{start}起）于{on}终止</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="35" />
      <source>{status} already ended on {on}</source>
      <translation>{status}已于{on}终止</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="31" />
      <source>{status} from {on}</source>
      <translation>自{on}起为{status}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/sync.py" line="606" />
      <source>{status}: {message}</source>
      <translation>{status}：{message}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/pension_forms.py" line="642" />
      <source>{status}; window {window}; due by {due}</source>
      <translation>{status}；认证期 {window}；截止 {due}</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/training.py" line="154" />
      <source>{trainings} trainings, {needs} needs</source>
      <translation>培训{trainings}条，需求{needs}条</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="103" />
      <source>{years}+ years: {months} months</source>
      <translation>满{years}年：{months}个月</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/policy_labels.py" line="93" />
      <location filename="src/villagedesk/gui/policy_labels.py" line="122" />
      <source>{yuan} yuan</source>
      <translation>{yuan} 元</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/labour_forms.py" line="263" />
      <source>— not asked —</source>
      <translation>— 未询问 —</translation>
    </message>
    <message>
      <location filename="src/villagedesk/gui/roster_labels.py" line="43" />
      <source>“{value}” is not a kind this list may hold</source>
      <translation>“{value}”不是名单可用的类别</translation>
    </message>
  </context>
</TS>
