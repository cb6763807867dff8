from django.shortcuts import redirect


def after_login(request):
    """Where a login lands: the secretariat on its dashboard, a member's contact or planner on
    their membership page, anyone else on the home page."""
    if request.user.is_staff:
        return redirect("backoffice:dashboard")
    if hasattr(request.user, "member_account"):
        return redirect("member_criteria")
    return redirect("public:home")
