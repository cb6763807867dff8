"""The follow-up in the member portal (/medlem/uppfoljning/) and the secretariat's pages
(/kansli/uppfoljning/)."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hcs.accounts.access import member_contact_required, secretariat_must, secretariat_required
from hcs.followup import queries
from hcs.followup.models import Answer, Followup, FollowupForm, Question
from hcs.followup.services import (
    followup_reminders_send,
    followup_reopen,
    followup_save,
    form_create,
    question_add,
    question_remove,
)
from hcs.followup.tags import GROUPS, LABELS
from hcs.lib import ratelimit
from hcs.lib.errors import messages_of


def _form_of(request) -> FollowupForm | None:
    """The form a member fills in: the newest not in the future, or an earlier year's
    (`?ar=2024`, a late report)."""
    forms = FollowupForm.objects.filter(year__lte=timezone.localdate().year).order_by("-year")
    year = request.GET.get("ar", "")
    if year.isdigit() and len(year) == 4:
        return forms.filter(year=int(year)).first()
    return forms.first()


@require_http_methods(["GET", "POST"])
@member_contact_required
def portal_followup(request, organisation):
    form = _form_of(request)
    if form is None:
        return render(request, "followup/portal.html", {"organisation": organisation})
    followup = Followup.objects.filter(form=form, organisation=organisation).first()
    errors: dict[str, list[str]] = {}
    posted = None
    if request.method == "POST":
        ratelimit.enforce(
            ratelimit.hit("portal_write", ratelimit.account_identity(request.user.get_username()))
        )
        questions = list(form.questions.all())
        posted = {
            q.pk: (request.POST.get(f"q{q.pk}", ""), request.POST.getlist(f"tags{q.pk}"))
            for q in questions
        }
        try:
            followup_save(
                form=form,
                organisation=organisation,
                answers={pk: value for pk, (value, _tags) in posted.items()},
                tags={pk: tags for pk, (_value, tags) in posted.items()},
                actor=request.user,
                submit=request.POST.get("action") == "submit",
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                errors = error.message_dict
            else:
                for text in messages_of(error):
                    messages.error(request, text)
                return redirect(request.get_full_path())
        else:
            messages.success(
                request,
                _("Submitted: thank you! The secretariat has your follow-up.")
                if request.POST.get("action") == "submit"
                else _("Saved as a draft; submit it when it is done."),
            )
            return redirect(request.get_full_path())
    saved = {}
    if followup is not None:
        saved = {a.question_id: (a.value or "", a.tags) for a in followup.answers.all()}
    items = [
        (question, *(posted or saved).get(question.pk, ("", [])), errors.get(f"q{question.pk}", []))
        for question in form.questions.all()
    ]
    return render(
        request,
        "followup/portal.html",
        {
            "organisation": organisation,
            "form": form,
            "followup": followup,
            "items": items,
            "tag_groups": GROUPS,
            "locked": followup is not None and followup.status == Followup.Status.SUBMITTED,
        },
        status=400 if errors else 200,
    )


@secretariat_required("followup.view_followupform")
@require_http_methods(["GET", "POST"])
def kansli_year(request, year: int):
    if not 2004 <= year <= timezone.localdate().year + 1:
        raise Http404(_("There is no follow-up for that year."))
    form = FollowupForm.objects.filter(year=year).first()
    if request.method == "POST":
        secretariat_must(request.user, "followup.change_followupform")
        action = request.POST.get("action", "")
        try:
            if action == "create":
                try:
                    deadline = date.fromisoformat(request.POST.get("deadline", ""))
                except ValueError:
                    raise ValidationError(_("Last day: give a date as YYYY-MM-DD.")) from None
                form_create(year=year, deadline=deadline, actor=request.user)
            elif action == "add" and form is not None:
                question_add(
                    form=form,
                    text=request.POST.get("text", ""),
                    kind=request.POST.get("kind", ""),
                    choices=request.POST.get("choices", "").splitlines(),
                    required=request.POST.get("required") == "on",
                    actor=request.user,
                )
            elif action == "remove" and form is not None:
                question = get_object_or_404(
                    Question, pk=request.POST.get("question", 0), form=form
                )
                question_remove(question=question, actor=request.user)
            elif action == "remind" and form is not None:
                reminded = followup_reminders_send(form=form, actor=request.user)
                messages.info(
                    request,
                    _("Reminders on their way to %(count)d members.") % {"count": reminded},
                )
            elif action == "reopen" and form is not None:
                followup = get_object_or_404(
                    Followup, pk=request.POST.get("followup", 0), form=form
                )
                followup_reopen(followup=followup, actor=request.user)
            else:
                raise ValidationError(_("Choose what to do."))
        except ValidationError as error:
            for text in messages_of(error):
                messages.error(request, text)
        else:
            messages.success(request, _("Saved."))
        return redirect("followup:year", year)
    return render(
        request,
        "followup/kansli_year.html",
        {
            "year": year,
            "form": form,
            "questions": list(form.questions.all()) if form else [],
            "statuses": queries.statuses(year),
            "summary": queries.summary(form) if form else None,
            "kinds": Question.Kind.choices,
        },
    )


@secretariat_required("followup.view_followupform")
@require_GET
def kansli_followup(request, pk: int):
    followup = get_object_or_404(Followup.objects.select_related("form", "organisation"), pk=pk)
    answers = {a.question_id: a for a in Answer.objects.filter(followup=followup)}
    return render(
        request,
        "followup/kansli_followup.html",
        {
            "followup": followup,
            "rows": [
                (
                    q,
                    answers.get(q.pk),
                    [LABELS.get(t, t) for t in answers[q.pk].tags] if q.pk in answers else [],
                )
                for q in followup.form.questions.all()
            ],
        },
    )


@secretariat_required("followup.view_followupform")
@require_GET
def kansli_xlsx(request, year: int):
    from django.http import HttpResponse

    from hcs.followup.exports import followup_xlsx

    form = get_object_or_404(FollowupForm, year=year)
    response = HttpResponse(
        followup_xlsx(form),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="uppfoljning-{year}.xlsx"'
    return response
