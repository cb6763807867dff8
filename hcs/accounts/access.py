"""Who may see and do what, each rule named by its intent. Every view and the API ask here.

The roles:
- the **secretariat**: an active staff user with at least one of the platform's permissions (in
  practice the Kansli group, or a superuser); what each may do follows their permissions. Staff
  without any permission are not the secretariat and see nothing of the back office.
- a **member contact**: a login tied to one organisation (a member account), with access to that
  organisation's own records only while the organisation is a member.
- a **planner**: a login tied to an organisation (a member account) using Platskompassen for
  it, whether or not the organisation is a member today (its places and rounds stay its own
  after it leaves); the secretariat may plan for every organisation.
- a **board member**: a login named on a board term, for the term's period.
"""

import functools
from datetime import date

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

from hcs.lib.periods import in_effect


def is_secretariat(user) -> bool:
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return user.is_superuser or bool(user.get_all_permissions())


def secretariat_may(user, permission: str) -> bool:
    """A member of the secretariat with `permission` (e.g. "invoices.view_invoice")."""
    return is_secretariat(user) and user.has_perm(permission)


def secretariat_must(user, permission: str) -> None:
    """PermissionDenied (403) unless `user` is the secretariat with `permission`: for a write
    inside a view or API operation whose reading needs less."""
    if not secretariat_may(user, permission):
        raise PermissionDenied


def member_organisation(user, day: date | None = None):
    """The organisation whose member contact `user` is, if it is a member on `day` (today by
    default); None for everyone else. A contact of an organisation that has left keeps no
    access to members' content."""
    if not (user.is_authenticated and user.is_active):
        return None
    account = getattr(user, "member_account", None)
    if account is None:
        return None
    from hcs.memberships.models import Membership

    day = day or timezone.localdate()
    current = Membership.objects.filter(in_effect(day), organisation_id=account.organisation_id)
    return account.organisation if current.exists() else None


def is_member_contact(user) -> bool:
    """A member contact of an organisation that is still a member."""
    return member_organisation(user) is not None


def is_board_member(user, day: date | None = None) -> bool:
    """Named on a board term in effect on `day` (today by default)."""
    if not (user.is_authenticated and user.is_active):
        return False
    from hcs.governance.models import BoardTerm

    day = day or timezone.localdate()
    return BoardTerm.objects.filter(in_effect(day), user=user).exists()


def planner_organisation(user):
    """The organisation `user` plans for in Platskompassen (their member account's, member or
    not); None for everyone else."""
    if not (user.is_authenticated and user.is_active):
        return None
    account = getattr(user, "member_account", None)
    return None if account is None else account.organisation


def may_plan_for(user, organisation) -> bool:
    """Platskompassen: the secretariat for every organisation, a planner for their own."""
    if secretariat_may(user, "platskompassen.change_place"):
        return True
    own = planner_organisation(user)
    return own is not None and own.pk == organisation.pk


def may_see_plans(user) -> bool:
    """Who may open Platskompassen's planner pages at all."""
    return secretariat_may(user, "platskompassen.view_place") or (
        planner_organisation(user) is not None
    )


def event_audiences(user) -> list[str]:
    """The audiences of the events `user` may see: the public's for everyone; members' events
    for member contacts and board members; the board's for board members; all for the
    secretariat."""
    from hcs.events.models import Event

    if secretariat_may(user, "events.view_event"):
        return list(Event.Audience.values)
    audiences: list[str] = [Event.Audience.PUBLIC]
    board = is_board_member(user)
    if board or is_member_contact(user):
        audiences.append(Event.Audience.MEMBERS)
    if board:
        audiences.append(Event.Audience.BOARD)
    return audiences


def events_visible(user) -> Q:
    """The filter on events for what `user` may see."""
    return Q(audience__in=event_audiences(user))


# View decorators -----------------------------------------------------------------------------


def _deny(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def secretariat_required(permission: str | None = None):
    """A view of the back office: anonymous visitors are sent to log in, anyone else who is not
    the secretariat (or lacks `permission`) gets 403."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            allowed = (
                secretariat_may(request.user, permission)
                if permission
                else is_secretariat(request.user)
            )
            if not allowed:
                return _deny(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def member_contact_required(view):
    """A view of the member portal: a member contact of a current member; the organisation is
    passed to the view as `organisation`."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        organisation = member_organisation(request.user)
        if organisation is None:
            return _deny(request)
        return view(request, *args, organisation=organisation, **kwargs)

    return wrapper
