"""The secretariat's mailings (/kansli/utskick/): write, preview, count the recipients, send now
or later, pause and resume, follow every recipient's status."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hcs.accounts.access import secretariat_must, secretariat_required
from hcs.lib.errors import add_to_form, messages_of
from hcs.mailings.emails import parts
from hcs.mailings.forms import MailingForm, SendForm
from hcs.mailings.models import Mailing, MailingAttachment, Recipient
from hcs.mailings.services import (
    mailing_attachment_add,
    mailing_attachment_remove,
    mailing_pause,
    mailing_resume,
    mailing_save,
    mailing_send,
    progress,
    recipient_count,
)

SHOWN = 200  # recipients listed on the page; the counts cover all


@secretariat_required("mailings.view_mailing")
@require_GET
def mailing_list(request):
    return render(
        request, "mailings/kansli/list.html", {"mailings": list(Mailing.objects.all()[:200])}
    )


@secretariat_required("mailings.add_mailing")
@require_http_methods(["GET", "POST"])
def mailing_new(request):
    form = MailingForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                mailing = mailing_save(
                    actor=request.user,
                    kind=form.cleaned_data["kind"],
                    subject=form.cleaned_data["subject"],
                    body_markdown=form.cleaned_data["body_markdown"],
                    audience=form.audience(),
                )
            except ValidationError as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("Saved as a draft. Check it, then send it."))
                return redirect("mailings:detail", mailing.pk)
        status = 400
    return render(request, "mailings/kansli/edit.html", {"form": form}, status=status)


@secretariat_required("mailings.view_mailing")
@require_http_methods(["GET", "POST"])
def mailing_detail(request, pk: int):
    mailing = get_object_or_404(Mailing, pk=pk)
    form = None
    if mailing.status == Mailing.Status.DRAFT:
        form = MailingForm(request.POST or None, initial=MailingForm.initial_of(mailing))
    status = 200
    if request.method == "POST":
        secretariat_must(request.user, "mailings.change_mailing")
        action = request.POST.get("action", "")
        try:
            if action == "save" and form is not None:
                if not form.is_valid():
                    raise ValidationError(_("Correct the fields marked below."))
                mailing_save(
                    actor=request.user,
                    mailing=mailing,
                    kind=form.cleaned_data["kind"],
                    subject=form.cleaned_data["subject"],
                    body_markdown=form.cleaned_data["body_markdown"],
                    audience=form.audience(),
                )
                messages.success(request, _("Saved."))
            elif action == "send":
                send = SendForm(request.POST)
                if not send.is_valid():
                    raise ValidationError(_("Give the time as YYYY-MM-DD HH:MM."))
                at = send.cleaned_data["send_at"]
                mailing_send(mailing=mailing, actor=request.user, at=at)
                messages.success(
                    request,
                    _("Sending: the recipients' statuses follow below.")
                    if at is None or at <= timezone.now()
                    else _("It will be sent at the time set."),
                )
            elif action == "attach":
                upload = request.FILES.get("file")
                if upload is None:
                    raise ValidationError(_("Choose a file to attach."))
                mailing_attachment_add(mailing=mailing, upload=upload, actor=request.user)
                messages.success(request, _("Attached: it goes with every message."))
            elif action == "detach":
                attachment = get_object_or_404(
                    MailingAttachment, pk=request.POST.get("attachment", 0), mailing=mailing
                )
                mailing_attachment_remove(attachment=attachment, actor=request.user)
                messages.success(request, _("The file is removed."))
            elif action == "pause":
                mailing_pause(mailing=mailing, actor=request.user)
                messages.success(request, _("Paused: the rest waits until you resume."))
            elif action in ("resume", "retry"):
                queued = mailing_resume(
                    mailing=mailing, actor=request.user, retry_failed=action == "retry"
                )
                messages.success(request, _("%(count)d queued to be sent.") % {"count": queued})
            else:
                raise ValidationError(_("Choose what to do."))
        except ValidationError as error:
            if form is not None and action == "save" and hasattr(error, "error_dict"):
                add_to_form(form, error)
                status = 400
            else:
                for text in messages_of(error):
                    messages.error(request, text)
        else:
            return redirect("mailings:detail", mailing.pk)
        if status == 200:
            return redirect("mailings:detail", mailing.pk)
    mailing.refresh_from_db()
    text, html = parts(mailing, "mottagare@example.org")
    now = timezone.now()
    counts = progress(mailing, now)
    return render(
        request,
        "mailings/kansli/detail.html",
        {
            "mailing": mailing,
            "form": form,
            "send_form": SendForm(),
            "count": recipient_count(mailing),
            "counts": counts,
            "recipients": list(mailing.recipients.order_by("-status", "email")[:SHOWN]),
            "uncertain": list(mailing.recipients.filter(Recipient.uncertain(now))[:SHOWN]),
            "preview_text": text,
            "preview_html": html,
            "attachments": list(mailing.attachments.all()),
        },
        status=status,
    )
