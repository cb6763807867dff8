"""Who may see and do what, each rule named by its intent. Every view and the API ask here.

The roles:
- the **secretariat**: an active staff user with at least one of the platform's permissions (in
  practice the Kansli group, or a superuser); what each may do follows their permissions. Staff
  without any permission are not the secretariat and see nothing of the back office.
- the **administrator**: a superuser (accounts, and everything the secretariat does).
  Both need the second factor when it is required (hcs.accounts.two_factor).
- a **member contact** (political or administrative): the login of a contact person (a member
  account tied to the person), while the person holds such a role and the organisation is a
  member; the access ends the day the last role ends, or the day the organisation leaves.
- a **planner**: a member account marked as planning in Platskompassen for its organisation,
  whether or not the organisation is a member today (its places and rounds stay its own after
  it leaves), while its person holds a role (an account without a person: the administrator
  made it for a planner); the secretariat may plan for every organisation.
- a **board member**: a login named on a board term, for the term's period.
"""

import functools
from datetime import date

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

from hcs.accounts import two_factor
from hcs.lib.periods import in_effect


def is_secretariat(user) -> bool:
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if getattr(user, "hcs_personal_token", False):
        return False  # a personal key reaches the caller's own data only
    if not two_factor.satisfied(user):
        return False
    return user.is_superuser or bool(user.get_all_permissions())


def is_administrator(user) -> bool:
    return is_secretariat(user) and user.is_superuser


def secretariat_may(user, permission: str) -> bool:
    """A member of the secretariat with `permission` (e.g. "invoices.view_invoice")."""
    return is_secretariat(user) and user.has_perm(permission)


def secretariat_must(user, permission: str) -> None:
    """PermissionDenied (403) unless `user` is the secretariat with `permission`: for a write
    inside a view or API operation whose reading needs less."""
    if not secretariat_may(user, permission):
        raise PermissionDenied


def _memo(user, key, compute):
    """Each rule's answer once per request: kept on the user object, which lives as long as the
    request. (A user object kept longer, in a test or a command, keeps its answers: load the
    user again after changing roles.)"""
    cache = user.__dict__.setdefault("_hcs_access", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def member_account(user):
    """The member account of an active login, or None."""
    if not (user.is_authenticated and user.is_active):
        return None
    return getattr(user, "member_account", None)


def contact_roles_held(user, day: date | None = None) -> frozenset[str]:
    """The contact roles (political, administrative) the login's person holds on `day`."""
    account = member_account(user)
    if account is None or account.person_id is None:
        return frozenset()
    day = day or timezone.localdate()

    def compute():
        from hcs.contacts.models import ContactRole

        # The person's roles for the account's organisation only: a person moved to another
        # organisation takes no access to the first one's records along.
        return frozenset(
            ContactRole.objects.filter(
                in_effect(day),
                person_id=account.person_id,
                person__erased_at=None,
                person__organisation_id=account.organisation_id,
            ).values_list("kind", flat=True)
        )

    return _memo(user, ("roles", day), compute)


def member_organisation(user, day: date | None = None):
    """The organisation whose member contact `user` is on `day` (today by default): their
    person holds a contact role and the organisation is a member. None for everyone else: a
    contact whose roles have ended, or whose organisation has left, keeps no access to
    members' content."""
    if not contact_roles_held(user, day):
        return None
    account = user.member_account
    day = day or timezone.localdate()

    def compute():
        from hcs.memberships.models import Membership

        current = Membership.objects.filter(in_effect(day), organisation_id=account.organisation_id)
        return account.organisation if current.exists() else None

    return _memo(user, ("member", day), compute)


def is_member_contact(user) -> bool:
    """A member contact of an organisation that is still a member."""
    return member_organisation(user) is not None


def is_board_member(user, day: date | None = None) -> bool:
    """Named on a board term in effect on `day` (today by default)."""
    if not (user.is_authenticated and user.is_active):
        return False
    from hcs.governance.models import BoardTerm

    day = day or timezone.localdate()
    return _memo(
        user, ("board", day), lambda: BoardTerm.objects.filter(in_effect(day), user=user).exists()
    )


def planner_organisation(user):
    """The organisation `user` plans for in Platskompassen (their member account's, member or
    not, while their person holds a role); None for everyone else."""
    account = member_account(user)
    if account is None or not account.planner:
        return None
    if account.person_id is not None and not contact_roles_held(user):
        return None
    return account.organisation


def roles(user) -> list[str]:
    """The login's roles today, by name (GET /api/v1/me)."""
    names = []
    if is_administrator(user):
        names.append("administrator")
    if is_secretariat(user):
        names.append("secretariat")
    if member_organisation(user) is not None:
        held = contact_roles_held(user)
        names += [f"{kind}_contact" for kind in ("political", "administrative") if kind in held]
    if planner_organisation(user) is not None:
        names.append("planner")
    if is_board_member(user):
        names.append("board_member")
    return names


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


def may_see_members_documents(user) -> bool:
    """Members' documents (the annual meetings' papers): member contacts, board members, the
    secretariat."""
    return (
        member_organisation(user) is not None
        or is_board_member(user)
        or secretariat_may(user, "governance.view_annualmeeting")
    )


def may_see_board_papers(user) -> bool:
    """The board's agendas and minutes: board members during their term, the secretariat."""
    return is_board_member(user) or secretariat_may(user, "governance.view_boardmeeting")


def account_required(view):
    """A page about the login's own account (My data): any member account, whatever its
    roles today; the account is passed to the view as `account`."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        account = member_account(request.user)
        if account is None:
            return _deny(request)
        return view(request, *args, account=account, **kwargs)

    return wrapper


def rule_required(rule):
    """A view open to those for whom `rule(user)` holds."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not rule(request.user):
                return _deny(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def may_see_members_examples(user) -> bool:
    """The learning examples for members only: member contacts, board members, the
    secretariat."""
    return (
        member_organisation(user) is not None
        or is_board_member(user)
        or secretariat_may(user, "learning.view_learningexample")
    )
