"""Writes to the board's records: annual meetings and their decisions, board terms, board
meetings and decisions, and the network's representation in other bodies.

Every function validates fully before writing and runs in one transaction with its audit entry:
a refused write raises ValidationError and changes nothing. Codes "overlap" and "conflict" mean a
conflict with stored data (HTTP 409 in the API).
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from hcs.audit.services import delete_audited, save_audited
from hcs.events.models import Event
from hcs.governance.models import (
    AnnualMeeting,
    AnnualMeetingDecision,
    BoardDecision,
    BoardMeeting,
    BoardTerm,
    Representation,
    RepresentationMeeting,
)
from hcs.lib.dates import DatePrecision, format_date
from hcs.lib.periods import periods_overlap

# Annual meetings ---------------------------------------------------------------------------


def annual_meeting_save(*, meeting: AnnualMeeting, actor) -> AnnualMeeting:
    with transaction.atomic():
        save_audited(
            obj=meeting,
            actor=actor,
            message="Annual meeting saved",
            conflict_message=_("There is already an annual meeting on this date."),
        )
    return meeting


def annual_meeting_delete(*, meeting: AnnualMeeting, actor) -> None:
    with transaction.atomic():
        for decision in meeting.decisions.all():
            delete_audited(obj=decision, actor=actor)
        delete_audited(obj=meeting, actor=actor)


def annual_meeting_decision_save(
    *, decision: AnnualMeetingDecision, actor
) -> AnnualMeetingDecision:
    """Create or correct a decision; a new one without a number gets the meeting's next (§ n+1)."""
    decision.title = decision.title.strip()
    with transaction.atomic():
        # The meeting's row lock serialises numbering, so two decisions never get one number.
        AnnualMeeting.objects.select_for_update().get(pk=decision.meeting_id)
        if decision.number is None:
            highest = decision.meeting.decisions.aggregate(highest=Max("number"))["highest"]
            decision.number = (highest or 0) + 1
        save_audited(
            obj=decision,
            actor=actor,
            message="Annual meeting decision saved",
            conflict_message=_("The meeting already has a decision with this number."),
        )
    return decision


def annual_meeting_decision_add(
    *,
    meeting: AnnualMeeting,
    kind: str,
    title: str,
    actor,
    text: str = "",
    note: str = "",
) -> AnnualMeetingDecision:
    """Add a decision to `meeting` under the next paragraph number."""
    decision = AnnualMeetingDecision(meeting=meeting, kind=kind, title=title, text=text, note=note)
    return annual_meeting_decision_save(decision=decision, actor=actor)


def annual_meeting_decision_delete(*, decision: AnnualMeetingDecision, actor) -> None:
    delete_audited(obj=decision, actor=actor)


# Board terms -------------------------------------------------------------------------------


def _lock_writers(model) -> None:
    """Serialise writes of `model`'s rows, so that overlap checks cannot race.

    PostgreSQL: a table lock that lets readers through but queues other writers (terms and
    seats are written a few times a year). SQLite: the write transaction holds the database
    file's lock.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {model._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")


def _lock_board_terms() -> None:
    # The exclusion constraints of migration 0002 are the last line behind this lock.
    _lock_writers(BoardTerm)


def _term_period(term: BoardTerm) -> dict[str, str]:
    return {
        "start": format_date(term.start_date, term.start_precision),
        "end": format_date(term.end_date, term.end_precision) or _("today"),
    }


def _term_overlap_error(term: BoardTerm) -> ValidationError | None:
    others = BoardTerm.objects.filter(role=term.role).exclude(pk=term.pk).order_by("start_date")
    if term.role not in BoardTerm.SINGLE_HOLDER_ROLES:
        others = others.filter(person_name=term.person_name)
    role = BoardTerm.Role(term.role).label
    for other in others:
        if not periods_overlap(term.start_date, term.end_date, other.start_date, other.end_date):
            continue
        if other.person_name == term.person_name:
            return ValidationError(
                _(
                    "%(person)s already has a term as %(role)s from %(start)s to %(end)s; "
                    "one person's terms in the same role cannot overlap."
                ),
                code="overlap",
                params={"person": other.person_name, "role": role, **_term_period(other)},
            )
        return ValidationError(
            _(
                "%(person)s is %(role)s from %(start)s to %(end)s; "
                "the board has one %(role)s at a time."
            ),
            code="overlap",
            params={"person": other.person_name, "role": role, **_term_period(other)},
        )
    return None


def board_term_check(term: BoardTerm) -> None:
    """Raise ValidationError if `term` (saved or not) breaks a rule of the board."""
    if term.end_date is not None and term.end_date < term.start_date:
        raise ValidationError(
            {
                "end_date": ValidationError(
                    _("The term cannot end before it starts."), code="end_before_start"
                )
            }
        )
    overlap = _term_overlap_error(term)
    if overlap is not None:
        raise overlap


def board_term_save(*, term: BoardTerm, actor, message: str = "") -> BoardTerm:
    """Create or correct a board term given as an instance (the admin, the demo loader)."""
    term.person_name = term.person_name.strip()
    term.party = term.party.strip()
    with transaction.atomic():
        _lock_board_terms()
        board_term_check(term)
        save_audited(
            obj=term,
            actor=actor,
            message=message or "Board term saved",
            conflict_message=_("The term conflicts with another term in the same role."),
        )
    return term


def board_term_start(
    *,
    person_name: str,
    role: str,
    organisation,
    start_date: date,
    actor,
    party: str = "",
    start_precision: str = DatePrecision.DAY,
    end_date: date | None = None,
    end_precision: str = DatePrecision.DAY,
    elected_at: AnnualMeeting | None = None,
    note: str = "",
) -> BoardTerm:
    """Record that a person holds `role` on the board from `start_date`."""
    term = BoardTerm(
        person_name=person_name,
        role=role,
        party=party,
        organisation=organisation,
        start_date=start_date,
        start_precision=start_precision,
        end_date=end_date,
        end_precision=end_precision,
        elected_at=elected_at,
        note=note,
    )
    return board_term_save(term=term, actor=actor, message="Board term started")


def board_term_end(
    *, term: BoardTerm, end_date: date, actor, end_precision: str = DatePrecision.DAY
) -> BoardTerm:
    """End a term on `end_date`, its last day."""
    with transaction.atomic():
        term = BoardTerm.objects.select_for_update().get(pk=term.pk)
        term.end_date = end_date
        term.end_precision = end_precision
        return board_term_save(term=term, actor=actor, message="Board term ended")


def board_term_delete(*, term: BoardTerm, actor) -> None:
    """Remove a term entered by mistake (a term that ended is recorded with board_term_end)."""
    delete_audited(obj=term, actor=actor)


# Board meetings and decisions ---------------------------------------------------------------


def board_meeting_save(*, meeting: BoardMeeting, actor) -> BoardMeeting:
    with transaction.atomic():
        save_audited(
            obj=meeting,
            actor=actor,
            message="Board meeting saved",
            conflict_message=_("The board meeting could not be saved."),
        )
    return meeting


def board_meeting_delete(*, meeting: BoardMeeting, actor) -> None:
    with transaction.atomic():
        for decision in meeting.decisions.all():
            delete_audited(obj=decision, actor=actor)
        delete_audited(obj=meeting, actor=actor)


def board_decision_save(*, decision: BoardDecision, actor) -> BoardDecision:
    """Create or correct a decision; a new one without a number gets the meeting's next (§ n+1)."""
    with transaction.atomic():
        # The meeting's row lock serialises numbering, so two decisions never get one number.
        BoardMeeting.objects.select_for_update().get(pk=decision.meeting_id)
        if decision.number is None:
            highest = decision.meeting.decisions.aggregate(highest=Max("number"))["highest"]
            decision.number = (highest or 0) + 1
        save_audited(
            obj=decision,
            actor=actor,
            message="Board decision saved",
            conflict_message=_("The meeting already has a decision with this number."),
        )
    return decision


def board_decision_add(
    *, meeting: BoardMeeting, title: str, text: str = "", actor
) -> BoardDecision:
    """Add a decision to `meeting` under the next paragraph number."""
    decision = BoardDecision(meeting=meeting, title=title.strip(), text=text)
    return board_decision_save(decision=decision, actor=actor)


def board_decision_delete(*, decision: BoardDecision, actor) -> None:
    delete_audited(obj=decision, actor=actor)


# Representation in other bodies ---------------------------------------------------------------


def _representation_period(representation: Representation) -> dict[str, str]:
    return {
        "start": format_date(representation.start_date, representation.start_precision),
        "end": format_date(representation.end_date, representation.end_precision) or _("today"),
    }


def _meeting_outside(meeting: RepresentationMeeting, representation: Representation) -> bool:
    """Whether `meeting` falls outside the seat's period. A start known only as "on or before"
    bounds nothing: the seat may have begun earlier."""
    if representation.end_date is not None and meeting.date > representation.end_date:
        return True
    return (
        representation.start_precision != DatePrecision.ON_OR_BEFORE
        and meeting.date < representation.start_date
    )


def _outside_error(meeting: RepresentationMeeting, representation: Representation):
    return ValidationError(
        _(
            "The meeting of %(date)s falls outside the representation's period "
            "(%(start)s to %(end)s)."
        ),
        code="outside_period",
        params={
            "date": format_date(meeting.date, meeting.date_precision),
            **_representation_period(representation),
        },
    )


def representation_check(representation: Representation) -> None:
    """Raise ValidationError if `representation` (saved or not) breaks a rule."""
    if representation.end_date is not None and representation.end_date < representation.start_date:
        raise ValidationError(
            {
                "end_date": ValidationError(
                    _("The representation cannot end before it starts."),
                    code="end_before_start",
                )
            }
        )
    if representation.body == Representation.Body.OTHER and not representation.body_name:
        raise ValidationError({"body_name": ValidationError(_("Name the body."), code="required")})
    others = Representation.objects.filter(
        person_name=representation.person_name,
        body=representation.body,
        body_name=representation.body_name,
    ).exclude(pk=representation.pk)
    for other in others.order_by("start_date"):
        if periods_overlap(
            representation.start_date, representation.end_date, other.start_date, other.end_date
        ):
            raise ValidationError(
                _(
                    "%(person)s already represents the network in %(body)s from %(start)s "
                    "to %(end)s; one person's periods in the same body cannot overlap."
                ),
                code="overlap",
                params={
                    "person": other.person_name,
                    "body": other.body_label,
                    **_representation_period(other),
                },
            )
    if representation.pk:
        # Shortening a period must not strand the meetings already recorded in it.
        for meeting in representation.meetings.order_by("date"):
            if _meeting_outside(meeting, representation):
                raise _outside_error(meeting, representation)


def representation_save(*, representation: Representation, actor) -> Representation:
    """Create or correct a seat in another body."""
    representation.person_name = representation.person_name.strip()
    representation.body_name = representation.body_name.strip()
    representation.role_description = representation.role_description.strip()
    with transaction.atomic():
        _lock_writers(Representation)
        if representation.pk:
            # The row lock waits for a meeting being recorded, so the check below sees it.
            Representation.objects.select_for_update().get(pk=representation.pk)
        representation_check(representation)
        save_audited(
            obj=representation,
            actor=actor,
            message="Representation saved",
            conflict_message=_("The representation conflicts with another in the same body."),
        )
    return representation


def representation_delete(*, representation: Representation, actor) -> None:
    with transaction.atomic():
        for meeting in representation.meetings.all():
            delete_audited(obj=meeting, actor=actor)
        delete_audited(obj=representation, actor=actor)


def representation_meeting_save(*, meeting: RepresentationMeeting, actor) -> RepresentationMeeting:
    """Record (or correct) a meeting the representative attended, within the seat's period."""
    meeting.place = meeting.place.strip()
    with transaction.atomic():
        # The seat's row lock: its period cannot change while the meeting is checked against it.
        representation = Representation.objects.select_for_update().get(
            pk=meeting.representation_id
        )
        if _meeting_outside(meeting, representation):
            raise ValidationError({"date": _outside_error(meeting, representation)})
        save_audited(
            obj=meeting,
            actor=actor,
            message="Representation meeting saved",
            conflict_message=_("The meeting could not be saved."),
        )
    return meeting


def representation_meeting_delete(*, meeting: RepresentationMeeting, actor) -> None:
    delete_audited(obj=meeting, actor=actor)


# Meetings as events of the calendar ----------------------------------------------------------


def board_meeting_create(
    *,
    starts: datetime,
    ends: datetime,
    actor,
    place: str = "",
    online_url: str = "",
    agenda: str = "",
) -> BoardMeeting:
    """A board meeting with its event in the calendar (kind board_meeting, for the board only),
    whose registrations are the meeting's attendance."""
    from hcs.events.services import event_save

    day = timezone.localtime(starts).date()
    with transaction.atomic():
        event = event_save(
            event=Event(
                title=_("Board meeting %(date)s") % {"date": format_date(day)},
                kind=Event.Kind.BOARD_MEETING,
                audience=Event.Audience.BOARD,
                starts=starts,
                ends=ends,
                place=place,
                online_url=online_url,
                description=agenda,
            ),
            actor=actor,
        )
        meeting = BoardMeeting(date=day, place=place[:100], event=event, agenda=agenda)
        meeting.full_clean()
        return board_meeting_save(meeting=meeting, actor=actor)


def annual_meeting_create(
    *, starts: datetime, ends: datetime, actor, place: str = "", agenda: str = ""
) -> AnnualMeeting:
    """An annual meeting with its event in the calendar (for the members), whose registrations
    and attendance are the meeting's."""
    from hcs.events.services import event_save

    day = timezone.localtime(starts).date()
    with transaction.atomic():
        if AnnualMeeting.objects.filter(date=day).exists():
            raise ValidationError(
                _("There is already an annual meeting on this date."), code="conflict"
            )
        event = event_save(
            event=Event(
                title=_("Annual meeting %(year)d") % {"year": day.year},
                kind=Event.Kind.ANNUAL_MEETING,
                audience=Event.Audience.MEMBERS,
                starts=starts,
                ends=ends,
                place=place,
                description=agenda,
            ),
            actor=actor,
        )
        meeting = AnnualMeeting(date=day, place=place[:100], event=event, agenda=agenda)
        meeting.full_clean()
        return annual_meeting_save(meeting=meeting, actor=actor)
