<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>villagedesk</name>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="33" />
      <source>(county not in the table)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/widgets/fields.py" line="29" />
      <source>18-digit ID number</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="62" />
      <source>Account balance: {yuan} yuan</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="236" />
      <source>Add a status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="170" />
      <source>Add at least one member.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="120" />
      <source>Add member</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="269" />
      <source>Add status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="49" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="112" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="215" />
      <source>Address</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="89" />
      <source>Amount</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="149" />
      <source>Back</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="54" />
      <location filename="src/villagedesk/gui/pages/persons.py" line="30" />
      <source>Born</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="151" />
      <location filename="src/villagedesk/gui/widgets/forms.py" line="75" />
      <source>Cancel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="95" />
      <source>Category</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="102" />
      <source>Certificate</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="40" />
      <source>Certification</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="83" />
      <source>Clerk</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="195" />
      <source>Clerk: {name}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="214" />
      <source>Conflicts: {n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="61" />
      <source>Contribution years: {n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="73" />
      <source>County server</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="72" />
      <source>Credited</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="83" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="108" />
      <source>Date</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="33" />
      <source>Deaths reported, payment not stopped</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/widgets/forms.py" line="165" />
      <source>Discard what you have typed?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="117" />
      <source>Do</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="114" />
      <source>Document</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="53" />
      <source>Due</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="268" />
      <source>Edit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="208" />
      <source>Edit person</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="27" />
      <source>Eligible for the pension, not receiving it</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="95" />
      <source>Employer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="95" />
      <source>Employment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="82" />
      <source>Enrolment token</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="58" />
      <source>Enrolment: {status}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="172" />
      <source>Exactly one member must be the head of household ({head}).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="69" />
      <source>Expected pension at 60: {yuan} yuan a month</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="150" />
      <source>Finish</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="93" />
      <source>First supervisor</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="246" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="48" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="102" />
      <source>From</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="109" />
      <source>Full name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="72" />
      <source>Government-paid</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="31" />
      <source>Government-paid premium due this year</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="123" />
      <source>Guangdong-Guangxi cooperation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="50" />
      <source>Guangxi household registration</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="52" />
      <source>Household</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="108" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="46" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="85" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="88" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="87" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="194" />
      <location filename="src/villagedesk/gui/pages/home.py" line="52" />
      <location filename="src/villagedesk/gui/pages/persons.py" line="29" />
      <source>ID number</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="89" />
      <source>Kind</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="36" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="93" />
      <source>Labour</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="32" />
      <source>Labour record not updated this year</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="210" />
      <source>Last sync: {when}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="48" />
      <source>Level</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="245" />
      <source>Level / grade</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="48" />
      <source>Lifted out</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/login.py" line="36" />
      <source>Locked</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/login.py" line="36" />
      <location filename="src/villagedesk/gui/dialogs/login.py" line="57" />
      <source>Log in</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/login.py" line="60" />
      <source>Log out</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="74" />
      <source>May be left empty and entered later in Settings.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="197" />
      <source>Member {row}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="119" />
      <source>Members</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="83" />
      <source>Method</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="89" />
      <source>Month</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="108" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="47" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="213" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="194" />
      <location filename="src/villagedesk/gui/pages/home.py" line="51" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="54" />
      <location filename="src/villagedesk/gui/pages/persons.py" line="28" />
      <source>Name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/persons.py" line="55" />
      <source>Name, pinyin initials (zs) or ID number</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="211" />
      <source>Never synced</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="148" />
      <source>Next</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="20" />
      <source>None</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="208" />
      <source>Offline</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="208" />
      <source>Online</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/widgets/forms.py" line="138" />
      <source>Only a supervisor may do this.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="85" />
      <source>Open person</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="54" />
      <source>Open the registered person</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="108" />
      <source>Outcome</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/login.py" line="52" />
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="110" />
      <source>Password</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="87" />
      <source>Payments</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="39" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="57" />
      <source>Pension</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="65" />
      <source>Pension {status}: {yuan} yuan a month from {month}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="72" />
      <source>Personal</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="35" />
      <location filename="src/villagedesk/gui/pages/persons.py" line="18" />
      <source>Persons</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="108" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="48" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="113" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="214" />
      <source>Phone</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="95" />
      <source>Place</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="108" />
      <source>Post</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="114" />
      <source>Printed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="112" />
      <source>Printed documents</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="102" />
      <source>Programme</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/login.py" line="60" />
      <source>Quit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="106" />
      <source>Referrals</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="111" />
      <source>Register a household</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="44" />
      <source>Register a person</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="25" />
      <source>Registered poor, not enrolled</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="108" />
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="216" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="54" />
      <source>Relation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="111" />
      <source>Repeat password</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="41" />
      <source>Reports</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/widgets/forms.py" line="74" />
      <source>Save</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="78" />
      <location filename="src/villagedesk/gui/main_window.py" line="159" />
      <source>Search: name, pinyin initials or ID number</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="114" />
      <source>Serial</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="81" />
      <source>Server address</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="142" />
      <source>Set up this counter</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="43" />
      <source>Settings</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="52" />
      <source>Station name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="241" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="48" />
      <source>Status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="79" />
      <source>Status: {status}, due by {date}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="46" />
      <source>Statuses</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="72" />
      <source>Subsidy</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="95" />
      <source>Surveyed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="77" />
      <source>Survival certification</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="28" />
      <source>Survival certification due within 30 days</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="29" />
      <source>Survival certification overdue</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="42" />
      <source>Sync</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="40" />
      <source>The 12-digit village code and the station's name.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="94" />
      <source>The supervisor adds the other clerks' accounts.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/login.py" line="92" />
      <source>This account is disabled. Ask the supervisor.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="39" />
      <source>This counter</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="53" />
      <source>This page is not available in this build.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="30" />
      <source>This year's contribution not paid</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="48" />
      <source>To</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="34" />
      <location filename="src/villagedesk/gui/pages/home.py" line="42" />
      <source>Today's work</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/login.py" line="87" />
      <source>Too many wrong passwords. Locked until {time}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="102" />
      <source>Trade</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="37" />
      <location filename="src/villagedesk/gui/pages/person_view.py" line="100" />
      <source>Training</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="26" />
      <source>Turning 60 within 3 months</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/login.py" line="57" />
      <source>Unlock</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/login.py" line="51" />
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="108" />
      <source>Username</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="38" />
      <source>Vacancies</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="50" />
      <source>Village code</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/main_window.py" line="213" />
      <source>Waiting to sync: {n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/login.py" line="94" />
      <source>Wrong username or password.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="72" />
      <source>Year</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="51" />
      <source>already holds a station</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="33" />
      <source>already insured in the employee scheme</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="42" />
      <source>already receives another state pension</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="43" />
      <source>already receives the pension</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="121" />
      <source>at least {n} characters</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="100" />
      <source>at the counter</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="92" />
      <source>back-pay</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="87" />
      <source>being paid</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="35" />
      <source>born {date}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="96" />
      <source>certified</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="134" />
      <source>clerk</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="103" />
      <source>data matching</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="109" />
      <source>deceased</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="39" />
      <source>deceased {date}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="131" />
      <source>declined</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="132" />
      <source>did not go</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="78" />
      <source>disability</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="29" />
      <source>does not exist</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="44" />
      <source>does not receive the pension</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="18" />
      <source>does not start with a real province code</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="98" />
      <source>due soon</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="107" />
      <source>elderly</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="120" />
      <source>employer-organised</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="34" />
      <source>enrols where the household registration is</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="46" />
      <source>exactly one member must be the head of household</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="77" />
      <source>extreme poverty support</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="80" />
      <source>family-planning support</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="111" />
      <source>farming</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="66" />
      <source>female</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="115" />
      <source>flexible employment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="119" />
      <source>found own job</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="118" />
      <source>government-organised</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="14" />
      <source>has a character that is not allowed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="20" />
      <source>has a county code that is not in the table (check it)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="17" />
      <source>has a wrong check character (typing error?)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="55" />
      <source>has already been corrected</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="50" />
      <source>has an unknown province</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="41" />
      <source>has not reached the pension age</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="19" />
      <source>has the sequence number 000</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="25" />
      <source>has the wrong format</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="40" />
      <source>has too few contribution years</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="129" />
      <source>hired</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="16" />
      <source>holds a birth date in the future</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="15" />
      <source>holds a birth date that does not exist</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="101" />
      <source>home visit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="126" />
      <source>in Guangxi, outside the county</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="125" />
      <source>in the county</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="35" />
      <source>is already enrolled</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="54" />
      <source>is already recorded as deceased</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="87" />
      <location filename="src/villagedesk/gui/labels.py" line="21" />
      <source>is already registered</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="23" />
      <source>is before the birth date</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="37" />
      <source>is not a contribution grade in force</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="49" />
      <source>is not a valid division code</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="36" />
      <source>is not enrolled in the resident pension</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="26" />
      <source>is not one of the allowed values</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="27" />
      <source>is out of range</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="12" />
      <location filename="src/villagedesk/gui/widgets/forms.py" line="115" />
      <source>is required</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="24" />
      <source>is too long</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="53" />
      <source>is too short</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="113" />
      <source>local employment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="66" />
      <source>male</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="76" />
      <source>minimum living allowance</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="110" />
      <source>missing</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="48" />
      <source>must be a village code (12 digits)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="13" />
      <source>must have 15 or 18 characters</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="22" />
      <source>must not be in the future</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="28" />
      <source>must not be negative</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/person_forms.py" line="244" />
      <source>none</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="83" />
      <source>normal</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/widgets/fields.py" line="125" />
      <source>not an amount in yuan (e.g. 1528.80)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="82" />
      <source>not enrolled</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="117" />
      <source>not transferred</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="97" />
      <source>not yet certified</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="124" />
      <source>other</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="127" />
      <source>outside Guangxi</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="99" />
      <source>overdue</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="121" />
      <source>poverty-relief workshop</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="122" />
      <source>public-welfare job</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="94" />
      <source>recovery</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="75" />
      <source>registered poor</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="130" />
      <source>rejected by employer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="79" />
      <source>relocated household</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="116" />
      <source>returned, not working</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="93" />
      <source>reversal</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="114" />
      <source>self-employed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="102" />
      <source>self-service face check</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="60" />
      <source>since {date}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="90" />
      <source>special basic pension</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="88" />
      <source>stopped</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="32" />
      <source>students are not enrolled</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="135" />
      <source>supervisor</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="84" />
      <source>suspended</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="85" />
      <source>terminated</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="52" />
      <source>the first account must be a supervisor</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="45" />
      <source>the pension is suspended or stopped</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="31" />
      <source>the person must be at least 16</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="39" />
      <source>the person was already 60 that year</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="123" />
      <source>the two passwords differ</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="47" />
      <source>the vacancy is closed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="30" />
      <source>this person is recorded as deceased</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="38" />
      <source>this year is already paid</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="89" />
      <source>transitional</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="108" />
      <source>unable to work</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="105" />
      <source>under 16</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="119" />
      <source>username: 2-40 letters, digits, '_', '.' or '-'</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="106" />
      <source>working age</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/labels.py" line="112" />
      <source>working away</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/person_view.py" line="36" />
      <location filename="src/villagedesk/gui/widgets/fields.py" line="60" />
      <source>{age} years</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/home.py" line="103" />
      <source>{date}: {n} items to do</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/pages/persons.py" line="63" />
      <source>{n} found</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/dialogs/setup.py" line="58" />
      <source>{n} of 12 digits</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="src/villagedesk/gui/widgets/fields.py" line="69" />
      <source>{n} of 18 characters</source>
      <translation type="unfinished" />
    </message>
  </context>
</TS>
