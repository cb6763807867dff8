"""The secretariat's editing of the site's texts (/kansli/innehall/) and its inbox of messages
from the contact form (/kansli/meddelanden/)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hcs.accounts.access import secretariat_must, secretariat_required
from hcs.content import queries
from hcs.content.forms import AttachmentForm, EntryForm
from hcs.content.markdown import render as render_markdown
from hcs.content.models import Attachment, ContactMessage, Entry, Revision
from hcs.content.services import (
    attachment_add,
    attachment_delete,
    contact_message_erase,
    contact_message_handle,
    entry_create,
    entry_publish,
    entry_save,
    entry_unpublish,
    revision_restore,
)
from hcs.lib.errors import add_to_form, form_problems, messages_of

K = Entry.Kind
CREATABLE = (K.NEWS, K.PUBLICATION, K.QUOTE)


def _public_url(entry: Entry) -> str | None:
    from django.urls import reverse

    pages = {
        "start": "public:home",
        "om-natverket": "public:about",
        "grupper": "public:groups",
        "aktuellt": "public:news",
        "publikationer": "public:publications",
        "kontakt": "public:contact",
        "tillganglighet": "public:accessibility",
        "personuppgifter": "public:privacy",
    }
    if entry.kind == K.PAGE and entry.slug in pages:
        return reverse(pages[entry.slug])
    if entry.kind == K.NEWS:
        return reverse("public:news_item", args=[entry.slug])
    if entry.kind == K.PUBLICATION:
        return reverse("public:publication", args=[entry.slug])
    if entry.kind == K.QUOTE:
        return reverse("public:home")
    return None


@secretariat_required("content.view_entry")
@require_GET
def entries(request):
    kind = request.GET.get("typ", K.PAGE)
    if kind not in K.values:
        kind = K.PAGE
    rows = []
    for entry in queries.for_secretariat(kind):
        newest = queries.newest(entry)
        rows.append((entry, newest, queries.state(entry, newest), _public_url(entry)))
    return render(
        request,
        "content/kansli/entries.html",
        {
            "kind": kind,
            "kinds": [
                (K.PAGE, _("Pages")),
                (K.NEWS, _("News")),
                (K.PUBLICATION, _("Publications")),
                (K.QUOTE, _("Members' voices")),
            ],
            "rows": rows,
            "creatable": kind in CREATABLE,
            "unhandled": ContactMessage.objects.filter(handled_at__isnull=True).count(),
        },
    )


def _texts(form) -> dict[str, str]:
    return {name: form.cleaned_data.get(name, "") for name in Revision.TEXT_FIELDS}


@secretariat_required("content.add_entry")
@require_http_methods(["GET", "POST"])
def entry_new(request, kind: str):
    if kind not in CREATABLE:
        raise Http404(_("Pages of the site are edited, not created."))
    form = EntryForm(request.POST or None, kind=kind, creating=True)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                entry = entry_create(
                    kind=kind,
                    slug=data["slug"],
                    category=data.get("category", ""),
                    dated=data.get("dated"),
                    position=data.get("position") or 0,
                    texts=_texts(form),
                    actor=request.user,
                    publish=request.POST.get("action") == "publish",
                    note=data["note"],
                )
            except ValidationError as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("content:edit", entry.pk)
        status = 400
    return render(
        request,
        "content/kansli/edit.html",
        {"form": form, "kind": kind, "kind_label": K(kind).label, "entry": None},
        status=status,
    )


@secretariat_required("content.view_entry")
@require_http_methods(["GET", "POST"])
def entry_edit(request, pk: int):
    entry = get_object_or_404(Entry.objects.select_related("live"), pk=pk)
    newest = queries.newest(entry)
    initial = newest.texts() if newest else {}
    initial |= {"category": entry.category, "dated": entry.dated, "position": entry.position}
    form = EntryForm(request.POST or None, kind=entry.kind, initial=initial)
    status = 200
    if request.method == "POST":
        secretariat_must(request.user, "content.change_entry")
        if form.is_valid():
            data = form.cleaned_data
            publish = request.POST.get("action") == "publish"
            try:
                entry_save(
                    entry=entry,
                    texts=_texts(form),
                    category=data.get("category") if "category" in form.fields else None,
                    dated=data.get("dated") if "dated" in form.fields else None,
                    position=data.get("position") if "position" in form.fields else None,
                    actor=request.user,
                    publish=publish,
                    note=data["note"],
                )
            except ValidationError as error:
                add_to_form(form, error)
            else:
                messages.success(
                    request,
                    _("Published: the public sees it now.")
                    if publish
                    else _("Saved as a draft: the public does not see it yet."),
                )
                return redirect("content:edit", entry.pk)
        status = 400
    return render(
        request,
        "content/kansli/edit.html",
        {
            "form": form,
            "entry": entry,
            "kind": entry.kind,
            "kind_label": entry.get_kind_display(),
            "newest": newest,
            "state": queries.state(entry, newest),
            "public_url": _public_url(entry),
            "attachments": list(entry.attachments.all()),
            "attachment_form": AttachmentForm(),
        },
        status=status,
    )


@secretariat_required("content.view_entry")
@require_POST
def preview(request):
    """The Markdown of the editor as the public would see it (an htmx fragment)."""
    sv = request.POST.get("body_sv", "")[:100_000]
    en = request.POST.get("body_en", "")[:100_000]
    return render(
        request,
        "content/kansli/_preview.html",
        {"sv": render_markdown(sv), "en": render_markdown(en)},
    )


@secretariat_required("content.view_entry")
@require_http_methods(["GET", "POST"])
def history(request, pk: int):
    entry = get_object_or_404(Entry, pk=pk)
    if request.method == "POST":
        secretariat_must(request.user, "content.change_entry")
        revision = get_object_or_404(Revision, pk=request.POST.get("revision", 0), entry=entry)
        try:
            if request.POST.get("action") == "publish":
                entry_publish(entry=entry, revision=revision, actor=request.user)
                messages.success(request, _("That version is published."))
            else:
                revision_restore(revision=revision, actor=request.user)
                messages.success(
                    request,
                    _("The earlier words are back as a draft: check them and publish."),
                )
                return redirect("content:edit", entry.pk)
        except ValidationError as error:
            for message in messages_of(error):
                messages.error(request, message)
        return redirect("content:history", entry.pk)
    return render(
        request,
        "content/kansli/history.html",
        {"entry": entry, "revisions": list(entry.revisions.select_related("author"))},
    )


@secretariat_required("content.change_entry")
@require_POST
def unpublish(request, pk: int):
    entry = get_object_or_404(Entry, pk=pk)
    try:
        entry_unpublish(entry=entry, actor=request.user)
    except ValidationError as error:
        for message in messages_of(error):
            messages.error(request, message)
    else:
        messages.success(request, _("Taken down: the public no longer sees it."))
    return redirect("content:edit", entry.pk)


@secretariat_required("content.change_entry")
@require_POST
def attachment_upload(request, pk: int):
    entry = get_object_or_404(Entry, pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for problem in form_problems(form):
            messages.error(request, problem)
        return redirect("content:edit", entry.pk)
    try:
        attachment = attachment_add(
            entry=entry,
            upload=form.cleaned_data["file"],
            description=form.cleaned_data["description"],
            actor=request.user,
        )
    except ValidationError as error:
        for message in messages_of(error):
            messages.error(request, message)
    else:
        messages.success(
            request,
            format_html(
                _("Uploaded. Put it in the text with <code>{}</code>."),
                attachment_markdown(attachment),
            ),
        )
    return redirect("content:edit", entry.pk)


def attachment_markdown(attachment: Attachment) -> str:
    from django.urls import reverse

    url = reverse("public:attachment", args=[attachment.pk, attachment.name])
    if attachment.kind == Attachment.Kind.IMAGE:
        return f"![{attachment.description}]({url})"
    return f"[{attachment.description}]({url})"


@secretariat_required("content.delete_entry")
@require_POST
def attachment_remove(request, pk: int):
    attachment = get_object_or_404(Attachment, pk=pk)
    entry_pk = attachment.entry_id
    attachment_delete(attachment=attachment, actor=request.user)
    messages.success(request, _("The file is removed."))
    return redirect("content:edit", entry_pk)


@secretariat_required("content.view_contactmessage")
@require_GET
def contact_messages(request):
    return render(
        request,
        "content/kansli/messages.html",
        {"items": list(ContactMessage.objects.all())},
    )


@secretariat_required("content.view_contactmessage")
@require_POST
def contact_message_action(request, pk: int):
    item = get_object_or_404(ContactMessage, pk=pk)
    action = request.POST.get("action", "")
    try:
        if action == "handled":
            secretariat_must(request.user, "content.change_contactmessage")
            contact_message_handle(item=item, actor=request.user)
            messages.success(request, _("Marked as handled."))
        elif action == "erase":
            secretariat_must(request.user, "content.delete_contactmessage")
            contact_message_erase(item=item, actor=request.user)
            messages.success(request, _("The message is erased."))
        else:
            raise ValidationError(_("Choose what to do."))
    except ValidationError as error:
        for message in messages_of(error):
            messages.error(request, message)
    return redirect("content:messages")
