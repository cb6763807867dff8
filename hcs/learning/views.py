"""The learning examples' pages: the public search (/larande-exempel/), a member's own
examples in the portal (/medlem/larande-exempel/) and the secretariat's review
(/kansli/larande-exempel/). The rules live in services.py and queries.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hcs.accounts.access import (
    may_see_members_examples,
    member_contact_required,
    secretariat_must,
    secretariat_required,
)
from hcs.contacts.models import ContactPerson
from hcs.followup.tags import GROUPS, LABELS
from hcs.learning import queries
from hcs.learning.forms import AttachmentForm, ExampleForm, SearchForm
from hcs.learning.models import Attachment, LearningExample
from hcs.learning.services import (
    ExampleData,
    attachment_add,
    attachment_delete,
    example_approve,
    example_create,
    example_delete,
    example_return,
    example_submit,
    example_update,
)
from hcs.lib import ratelimit
from hcs.lib.errors import add_to_form, form_problems, messages_of
from hcs.lib.params import year_param
from hcs.organisations.models import Organisation

S = LearningExample.Status


# The public search


@login_not_required
@require_GET
def public_list(request):
    form = SearchForm(request.GET)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    tags = [t for t in request.GET.getlist("tagg") if t in LABELS]
    organisation = request.GET.get("org", "")[:10]
    year = year_param(request)
    found = queries.find(request.user, q=q, tags=tags, organisation=organisation, year=year)
    for name, facets in (("tagg", found.tags), ("org", found.organisations), ("ar", found.years)):
        for facet in facets:
            facet.url = _toggled(request.GET, name, facet.value)
    page = Paginator(found.examples, 20).get_page(request.GET.get("sida"))
    return render(
        request,
        "learning/list.html",
        {
            "form": form,
            "q": q,
            "found": found,
            "page": page,
            "chosen": {"tagg": tags, "org": organisation, "ar": str(year or "")},
            "meta_title": _("Learning examples"),
            "meta_description": _(
                "Good practice from the network's municipalities and regions: what they did "
                "for public health, and whom to ask."
            ),
        },
    )


def _toggled(params, name: str, value: str) -> str:
    """The search's address with the facet `name=value` chosen, or unchosen when it was (a tag
    adds to the chosen tags; an organisation or year replaces the one chosen)."""
    query = params.copy()
    query.pop("sida", None)
    values = query.getlist(name)
    if value in values:
        values.remove(value)
    elif name == "tagg":
        values.append(value)
    else:
        values = [value]
    query.setlist(name, values)
    return "?" + query.urlencode()


@login_not_required
@require_GET
def public_detail(request, pk: int):
    example = get_object_or_404(
        LearningExample.objects.select_related("organisation", "contact_person"), pk=pk
    )
    if not queries.may_read(request.user, example):
        if example.status == S.APPROVED and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())  # one for members
        raise Http404(_("There is no such learning example."))
    return render(
        request,
        "learning/detail.html",
        {
            "example": example,
            "links": example.links.all(),
            "attachments": example.attachments.all(),
            "tag_items": [(tag, LABELS[tag]) for tag in example.tags if tag in LABELS],
            "show_email": may_see_members_examples(request.user),
            "meta_title": example.title,
            "meta_description": example.summary[:300],
            "og_type": "article",
        },
    )


@login_not_required
@require_GET
def attachment_file(request, pk: int, name: str):
    found = Attachment.objects.select_related("example").filter(pk=pk, name=name).first()
    if found is None or not queries.may_read(request.user, found.example):
        raise Http404(_("There is no such file."))
    response = FileResponse(found.file.open("rb"), content_type=found.content_type)
    response["Content-Disposition"] = f'inline; filename="{found.name}"'
    public = found.example.status == S.APPROVED and found.example.public
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    return response


# Writing one: shared by the portal and the secretariat


def _persons(organisation: Organisation):
    return ContactPerson.objects.filter(organisation=organisation, erased_at=None).order_by("name")


def _editor(request, *, organisation, example, by_secretariat: bool):
    """The form's page: GET shows it, POST saves (and submits when asked). Returns a response,
    or the saved example for the caller to redirect."""
    persons = _persons(organisation)
    if request.method == "POST":
        form = ExampleForm(request.POST, persons=persons)
        if form.is_valid():
            data = form.data_of()
            try:
                if example is None:
                    example = example_create(
                        organisation=organisation, data=data, actor=request.user
                    )
                else:
                    example = example_update(
                        example=example,
                        data=data,
                        actor=request.user,
                        by_secretariat=by_secretariat,
                    )
                if request.POST.get("action") == "submit" and example.status in (
                    S.DRAFT,
                    S.RETURNED,
                ):
                    example_submit(example=example, actor=request.user)
                    messages.success(
                        request, _("Sent to the secretariat, who approve it before it is shown.")
                    )
                elif example.status == S.SUBMITTED and not by_secretariat:
                    messages.success(request, _("Saved. The secretariat will review it."))
                else:
                    messages.success(request, _("Saved."))
                return example
            except ValidationError as error:
                add_to_form(form, error)
    else:
        initial = ExampleForm.initial_of(ExampleData.of(example)) if example else {}
        form = ExampleForm(initial=initial, persons=persons)
    chosen_tags = [str(t) for t in (form["tags"].value() or [])]
    return render(
        request,
        "learning/edit.html",
        {
            "form": form,
            "example": example,
            "organisation": organisation,
            "tag_groups": GROUPS,
            "chosen_tags": chosen_tags,
            "by_secretariat": by_secretariat,
            "attachments": example.attachments.all() if example else [],
            "attachment_form": AttachmentForm(),
        },
        status=400 if form.errors else 200,
    )


def _attachment_post(request, example: LearningExample) -> None:
    if request.POST.get("remove"):
        remove = request.POST["remove"]
        attachment = next((a for a in example.attachments.all() if str(a.pk) == remove), None)
        if attachment is not None:
            attachment_delete(attachment=attachment, actor=request.user)
            messages.success(request, _("The file is removed."))
        return
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for problem in form_problems(form):
            messages.error(request, problem)
        return
    try:
        attachment_add(
            example=example,
            upload=form.cleaned_data["file"],
            description=form.cleaned_data["description"],
            actor=request.user,
        )
    except ValidationError as error:
        for problem in messages_of(error):
            messages.error(request, problem)
    else:
        messages.success(request, _("Uploaded."))


# The member portal


def _write_limit(request) -> None:
    ratelimit.enforce(
        ratelimit.hit("portal_write", ratelimit.account_identity(request.user.get_username()))
    )


@require_GET
@member_contact_required
def portal_list(request, organisation):
    return render(
        request,
        "learning/portal_list.html",
        {"organisation": organisation, "examples": queries.of_organisation(organisation)},
    )


@require_http_methods(["GET", "POST"])
@member_contact_required
def portal_new(request, organisation):
    if request.method == "POST":
        _write_limit(request)
    result = _editor(request, organisation=organisation, example=None, by_secretariat=False)
    if isinstance(result, LearningExample):
        return redirect("portal:learning_example", result.pk)
    return result


@require_http_methods(["GET", "POST"])
@member_contact_required
def portal_edit(request, organisation, pk: int):
    example = get_object_or_404(LearningExample, pk=pk, organisation=organisation)
    if request.method == "POST":
        _write_limit(request)
        action = request.POST.get("action", "")
        if action == "delete":
            if example.approved_at is not None:
                messages.error(
                    request, _("A published example is taken down by the secretariat; ask them.")
                )
                return redirect("portal:learning_example", example.pk)
            example_delete(example=example, actor=request.user)
            messages.success(request, _("The example is deleted."))
            return redirect("portal:learning_examples")
        if action == "file":
            _attachment_post(request, example)
            return redirect("portal:learning_example", example.pk)
    result = _editor(request, organisation=organisation, example=example, by_secretariat=False)
    if isinstance(result, LearningExample):
        return redirect("portal:learning_example", result.pk)
    return result


# The secretariat


@secretariat_required("learning.view_learningexample")
@require_GET
def kansli_list(request):
    status = request.GET.get("status", "")
    return render(
        request,
        "learning/kansli_list.html",
        {
            "examples": queries.for_secretariat(status),
            "status": status,
            "statuses": S.choices,
            "waiting": LearningExample.objects.filter(status=S.SUBMITTED).count(),
        },
    )


@secretariat_required("learning.add_learningexample")
@require_http_methods(["GET", "POST"])
def kansli_new(request):
    """The secretariat writes an example for a member (published when it is approved)."""
    code = request.GET.get("org") or request.POST.get("org", "")
    organisation = Organisation.objects.filter(code=code[:10]).first() if code else None
    if organisation is None:
        return render(
            request,
            "learning/kansli_choose.html",
            {"organisations": Organisation.objects.filter(memberships__isnull=False).distinct()},
        )
    result = _editor(request, organisation=organisation, example=None, by_secretariat=True)
    if isinstance(result, LearningExample):
        return redirect("kansli_learning:example", result.pk)
    return result


@secretariat_required("learning.view_learningexample")
@require_http_methods(["GET", "POST"])
def kansli_example(request, pk: int):
    example = get_object_or_404(LearningExample.objects.select_related("organisation"), pk=pk)
    if request.method == "POST":
        secretariat_must(request.user, "learning.change_learningexample")
        action = request.POST.get("action", "")
        try:
            if action == "approve":
                example_approve(example=example, actor=request.user)
                messages.success(request, _("Published."))
            elif action == "return":
                example_return(
                    example=example, note=request.POST.get("note", ""), actor=request.user
                )
                messages.success(request, _("Returned to the member with your note."))
            elif action == "delete":
                secretariat_must(request.user, "learning.delete_learningexample")
                example_delete(example=example, actor=request.user)
                messages.success(request, _("The example is deleted."))
                return redirect("kansli_learning:examples")
            elif action == "file":
                _attachment_post(request, example)
            else:
                result = _editor(
                    request, organisation=example.organisation, example=example, by_secretariat=True
                )
                if not isinstance(result, LearningExample):
                    return result
            return redirect("kansli_learning:example", example.pk)
        except ValidationError as error:
            for problem in messages_of(error):
                messages.error(request, problem)
            return redirect("kansli_learning:example", example.pk)
    return _editor(request, organisation=example.organisation, example=example, by_secretariat=True)
