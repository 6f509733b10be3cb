"""One person on one screen: profile, household, labour, training, pension, certification,
referrals and printed documents, with every action on that person."""

from __future__ import annotations

from html import escape

from villagedesk.domain.idnumber import mask_id
from villagedesk.domain.money import format_yuan
from villagedesk.gui.actions import all_actions, run_action
from villagedesk.gui.context import AppContext
from villagedesk.gui.i18n import _
from villagedesk.gui.labels import code_text, sex_text
from villagedesk.gui.qt import QGridLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget
from villagedesk.services.overview import PersonOverview, person_overview

BUTTON_COLUMNS = 5


def _table(headers: list[str], rows: list[list[object]]) -> str:
    if not rows:
        return f"<p class='none'>{escape(_('None'))}</p>"
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape('' if c is None else str(c))}</td>" for c in r) + "</tr>"
        for r in rows
    )
    return f"<table cellspacing='0' cellpadding='4' border='1'><tr>{head}</tr>{body}</table>"


def render_overview(ov: PersonOverview, *, show_full_id: bool) -> str:
    from villagedesk.gui.printing import kind_text  # loads reportlab: only when needed

    p, ent = ov.person, ov.entitlement
    number = p.id_number if show_full_id else mask_id(p.id_number)
    parts = [f"<h2>{escape(p.name)} <small>{escape(number)}</small></h2>"]
    facts = [
        sex_text(p.sex),
        _("born {date}").format(date=p.birth_date.isoformat()),
        _("{age} years").format(age=ent.age),
    ]
    if p.death_date:
        facts.append(_("deceased {date}").format(date=p.death_date.isoformat()))
    if p.phone:
        facts.append(p.phone)
    parts.append("<p>" + escape(" · ".join(facts)) + "</p>")
    if p.address:
        parts.append(f"<p>{escape(p.address)}</p>")
    if ov.statuses:
        parts.append(f"<h3>{escape(_('Statuses'))}</h3>")
        parts.append(
            _table(
                [_("Status"), _("Level"), _("From"), _("To"), _("Lifted out")],
                [
                    [code_text(s.kind), s.level, s.start_date, s.end_date, s.lifted_out_year]
                    for s in ov.statuses
                ],
            )
        )
    parts.append(f"<h3>{escape(_('Household'))}</h3>")
    parts.append(
        _table(
            [_("Name"), _("Relation"), _("Born")],
            [[m.name, m.relation, m.birth_date] for m in ov.members],
        )
    )
    parts.append(f"<h3>{escape(_('Pension'))}</h3>")
    lines = [_("Enrolment: {status}").format(status=code_text(ent.enrolment_status))]
    if ent.enrolled_on:
        lines.append(_("since {date}").format(date=ent.enrolled_on.isoformat()))
    lines.append(_("Contribution years: {n}").format(n=ent.contribution_years))
    lines.append(_("Account balance: {yuan} yuan").format(yuan=format_yuan(ent.balance_fen)))
    parts.append("<p>" + escape(" · ".join(lines)) + "</p>")
    if ent.award:
        parts.append(
            "<p><b>"
            + escape(
                _("Pension {status}: {yuan} yuan a month from {month}").format(
                    status=code_text(ent.award.status),
                    yuan=format_yuan(ent.award.monthly_fen),
                    month=ent.award.first_month.strftime("%Y-%m"),
                )
            )
            + "</b></p>"
        )
    elif ent.expected is not None:
        parts.append(
            "<p>"
            + escape(
                _("Expected pension at 60: {yuan} yuan a month").format(
                    yuan=format_yuan(ent.expected.total_fen)
                )
            )
            + "</p>"
        )
    parts.append(
        _table(
            [_("Year"), _("Personal"), _("Subsidy"), _("Government-paid"), _("Credited")],
            [
                [
                    y.year,
                    format_yuan(y.personal_fen),
                    format_yuan(y.subsidy_fen),
                    format_yuan(y.paid_premium_fen),
                    format_yuan(y.credited_fen),
                ]
                for y in ent.years
            ],
        )
    )
    if ent.certification is not None or ov.certifications:
        parts.append(f"<h3>{escape(_('Survival certification'))}</h3>")
        if ent.certification is not None:
            parts.append(
                "<p>"
                + escape(
                    _("Status: {status}, due by {date}").format(
                        status=code_text(ent.certification.status),
                        date=ent.certification.due_by.isoformat(),
                    )
                )
                + "</p>"
            )
        parts.append(
            _table(
                [_("Date"), _("Method"), _("Clerk")],
                [[c.certified_on, code_text(c.method), c.clerk] for c in ov.certifications[:10]],
            )
        )
    if ov.payments:
        parts.append(f"<h3>{escape(_('Payments'))}</h3>")
        parts.append(
            _table(
                [_("Month"), _("Amount"), _("Kind")],
                [
                    [pm.month.strftime("%Y-%m"), format_yuan(pm.amount_fen), code_text(pm.kind)]
                    for pm in ov.payments[:12]
                ],
            )
        )
    parts.append(f"<h3>{escape(_('Labour'))}</h3>")
    parts.append(
        _table(
            [_("Surveyed"), _("Category"), _("Employment"), _("Place"), _("Employer")],
            [
                [
                    r.surveyed_on,
                    code_text(r.population_category),
                    code_text(r.employment_status or ""),
                    code_text(r.work_place or ""),
                    r.employer_name,
                ]
                for r in ov.labour[:5]
            ],
        )
    )
    if ov.training:
        parts.append(f"<h3>{escape(_('Training'))}</h3>")
        parts.append(
            _table(
                [_("Programme"), _("Trade"), _("From"), _("Certificate")],
                [[t.programme, t.trade, t.start_date, t.certificate] for t in ov.training],
            )
        )
    if ov.referrals:
        parts.append(f"<h3>{escape(_('Referrals'))}</h3>")
        parts.append(
            _table(
                [_("Date"), _("Post"), _("Outcome")],
                [
                    [r.referral.referred_on, r.post, code_text(r.referral.outcome)]
                    for r in ov.referrals
                ],
            )
        )
    if ov.documents:
        parts.append(f"<h3>{escape(_('Printed documents'))}</h3>")
        parts.append(
            _table(
                [_("Printed"), _("Document"), _("Serial")],
                [
                    [d.printed_at.strftime("%Y-%m-%d %H:%M"), kind_text(d.kind), d.serial]
                    for d in ov.documents
                ],
            )
        )
    return "\n".join(parts)


class PersonView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person_id: str | None = None
        self.overview: PersonOverview | None = None
        self.show_full_id = False
        # A grid, so a dozen actions wrap onto rows instead of widening the window.
        self.buttons = QGridLayout()
        self.buttons.setSpacing(4)
        self.text = QTextBrowser()
        self.text.setObjectName("personText")
        self.text.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.buttons)
        layout.addWidget(self.text, 1)
        self.action_buttons: dict[str, QPushButton] = {}
        for i, act in enumerate(all_actions()):
            button = QPushButton(_(act.label))
            button.setObjectName(f"action_{act.code}")
            button.clicked.connect(lambda _c=False, code=act.code: self.run(code))
            self.action_buttons[act.code] = button
            self.buttons.addWidget(button, i // BUTTON_COLUMNS, i % BUTTON_COLUMNS)
        self.setEnabled(False)

    def retranslate(self) -> None:
        for act in all_actions():
            button = self.action_buttons.get(act.code)
            if button is not None:
                button.setText(_(act.label))
        self.reload()

    def show_person(self, person_id: str) -> None:
        self.person_id = person_id
        self.reload()

    def reload(self) -> None:
        if self.person_id is None:
            return
        with self.ctx.db.read() as s:
            self.overview = person_overview(
                session=s, person_id=self.person_id, on=self.ctx.today()
            )
        self.text.setHtml(render_overview(self.overview, show_full_id=self.show_full_id))
        self.setEnabled(True)

    def run(self, code: str) -> None:
        if self.person_id is not None and run_action(self.ctx, self, code, self.person_id):
            self.reload()
