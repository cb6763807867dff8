from functools import cached_property

from hcs.accounts import access


class Roles:
    """What the navigation shows of the visitor's roles, each read (one query at most) only if
    a template asks."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def secretariat(self) -> bool:
        return access.is_secretariat(self.user)

    @cached_property
    def member_organisation(self):
        return access.member_organisation(self.user)

    @cached_property
    def account(self):
        return access.member_account(self.user)

    @cached_property
    def board(self) -> bool:
        return access.is_board_member(self.user)

    @cached_property
    def planner(self) -> bool:
        return access.may_see_plans(self.user)


def roles(request):
    return {"roles": Roles(request.user)}
