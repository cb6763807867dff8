"""The residents' survey: public, anonymous, and working without JavaScript or cookies.

Two layouts of one form: every theme on one page (the default), or one theme a page (`?steg=N`),
where the answers given so far travel in hidden fields from page to page; nothing is stored, in
a session or elsewhere, until the final submit. The organisation's planner (or the secretariat)
uses the same page to enter a group session's agreed scores or paper answers, also after the
round has closed.

Abuse protection without tracking: a honeypot field, a rate limit per client keyed by a salted
hash of its address (`ratelimit`), and size limits (comments, the whole body). A refused
submission shows the form again with the answers given and a message, and stores nothing.

Residents' pages set no cookie: the view is exempt from Django's CSRF cookie check (an
anonymous answer can be sent by anyone anyway), and checks CSRF itself for logged-in users,
whose entries carry their name."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from hcs.lib import ratelimit
from hcs.lib.errors import messages_of
from hcs.platskompassen.forms_survey import (
    BACKGROUND_CHOICES,
    BACKGROUND_LABELS,
    ENTRY_CHOICES,
    SurveyForm,
)
from hcs.platskompassen.models import COMMENT_MAX_LENGTH, Response, Round, Theme
from hcs.platskompassen.services import (
    AREA_MAX_LENGTH,
    can_manage,
    response_submit,
    themes_of,
)

MAX_BODY = 64 * 1024  # bytes; settings.PLATSKOMPASSEN_MAX_BODY overrides
STEP_PARAMETER = "steg"


def max_body() -> int:
    return int(getattr(settings, "PLATSKOMPASSEN_MAX_BODY", MAX_BODY))


# What the templates show: plain data, built here so the templates stay simple.


@dataclass
class Option:
    value: str
    id: str
    visible: str  # on screen
    spoken: str  # the accessible name ("3 of 7")
    checked: bool


@dataclass
class Block:
    """A theme, or the background questions (`key` "background"): one page in step mode."""

    key: str
    number: int = 0
    name: str = ""
    name_lang: str = ""  # set when the text is not in the page's language (a fallback)
    question: str = ""
    question_lang: str = ""
    prompts: list[str] = field(default_factory=list)
    prompts_lang: str = ""
    options: list[Option] = field(default_factory=list)
    skip: Option | None = None
    score_errors: list[str] = field(default_factory=list)
    comments: list[dict] = field(default_factory=list)
    questions: list[dict] = field(default_factory=list)  # background
    fields: tuple[str, ...] = ()

    @property
    def has_errors(self) -> bool:
        return bool(
            self.score_errors
            or any(c["errors"] for c in self.comments)
            or any(q["errors"] for q in self.questions)
        )


def _fallback_lang(obj, field_name: str, language: str) -> str:
    """ "sv" when an English page shows a text that has no English version."""
    return "sv" if language == "en" and not getattr(obj, f"{field_name}_en", "") else ""


def _value(form: SurveyForm, name: str) -> str:
    if name not in form.fields:
        return ""
    value = form[name].value()
    # Line breaks as the browser sends them (CR LF) are carried as one character, as counted.
    return "" if value is None else str(value).replace("\r\n", "\n")


def _theme_block(form: SurveyForm, theme: Theme, number: int, language: str, texts) -> Block:
    key = theme.key
    top = form.round.tool.scale_max
    chosen = _value(form, f"score-{key}")
    options = []
    for n in form.scale:
        spoken = _("%(n)d of %(top)d") % {"n": n, "top": top}
        if n == 1:
            spoken = f"{spoken}: {texts['low_label']}"
        elif n == top:
            spoken = f"{spoken}: {texts['high_label']}"
        options.append(Option(str(n), f"score-{key}-{n}", str(n), spoken, chosen == str(n)))
    skip_label = _("Don't know / skip")
    comments = []
    for part in ("good", "better"):
        name = f"{part}-{key}"
        comments.append(
            {
                "name": name,
                "id": name,
                "label": texts[f"{part}_question"],
                "lang": texts[f"{part}_question_lang"],
                "value": _value(form, name),
                "errors": form.errors.get(name, []),
            }
        )
    return Block(
        key=key,
        number=number,
        name=theme.text("name", language),
        name_lang=_fallback_lang(theme, "name", language),
        question=theme.text("question", language),
        question_lang=_fallback_lang(theme, "question", language),
        prompts=theme.prompt_list(language),
        prompts_lang=_fallback_lang(theme, "prompts", language) if theme.prompts else "",
        options=options,
        skip=Option(
            "",
            f"score-{key}-skip",
            skip_label,
            skip_label,
            chosen == "" and form.is_bound and f"score-{key}" in form.data,
        ),
        score_errors=form.errors.get(f"score-{key}", []),
        comments=comments,
        fields=(f"score-{key}", f"good-{key}", f"better-{key}"),
    )


def _background_block(form: SurveyForm) -> Block | None:
    questions = []
    for question in form.round.background_questions:
        if question not in form.fields:
            continue
        value = _value(form, question)
        entry = {
            "name": question,
            "label": BACKGROUND_LABELS[question],
            "errors": form.errors.get(question, []),
            "value": value,
        }
        if question == "area":
            entry.update(id="bg-area", maxlength=AREA_MAX_LENGTH)
        else:
            entry["options"] = [
                Option(v, f"bg-{question}-{v}", str(label), str(label), value == v)
                for v, label in BACKGROUND_CHOICES[question]
            ]
            none = _("Prefer not to say")
            entry["options"].append(
                Option(
                    "",
                    f"bg-{question}-none",
                    none,
                    none,
                    value == "" and form.is_bound and question in form.data,
                )
            )
            entry["id"] = entry["options"][0].id
        questions.append(entry)
    if not questions:
        return None
    return Block(key="background", questions=questions, fields=tuple(q["name"] for q in questions))


def _error_list(form: SurveyForm, blocks: list[Block], refusals: list[str]) -> list[tuple]:
    """The error summary: (anchor or None, message), in the page's order."""
    errors = [(None, message) for message in refusals]
    errors += [(None, message) for message in form.non_field_errors()]
    errors += [(None, message) for message in form.errors.get("website", [])]
    errors += [("entry-" + ENTRY_CHOICES[0][0], m) for m in form.errors.get("entry", [])]
    for block in blocks:
        if block.key == "background":
            for question in block.questions:
                errors += [
                    (question["id"], f"{question['label']}: {m}") for m in question["errors"]
                ]
            continue
        errors += [(block.options[0].id, f"{block.name}: {m}") for m in block.score_errors]
        for comment in block.comments:
            errors += [
                (comment["id"], f"{block.name} – {comment['label']} {m}") for m in comment["errors"]
            ]
    return errors


def _csrf_refusal(request):
    """Django's own CSRF check, for logged-in users only (their entries carry their name)."""
    if not request.user.is_authenticated:
        return None
    return CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})


def _survey_url(round_: Round, step: int | None = None) -> str:
    url = reverse("platskompassen:survey", args=[round_.slug])
    return f"{url}?{STEP_PARAMETER}={step}" if step else url


def _parse_step(text: str | None, count: int) -> int:
    try:
        step = int(text or 1)
    except ValueError:
        step = 1
    return min(max(step, 1), max(count, 1))


def _render(
    request,
    round_: Round,
    form: SurveyForm,
    *,
    step: int | None,
    status: int = 200,
    refusals: Sequence[str] = (),
    show_form: bool = True,
    moved: bool = False,
):
    language = get_language()
    tool = round_.tool
    texts = {
        "low_label": tool.text("low_label", language),
        "high_label": tool.text("high_label", language),
        "good_question": tool.text("good_question", language),
        "good_question_lang": _fallback_lang(tool, "good_question", language),
        "better_question": tool.text("better_question", language),
        "better_question_lang": _fallback_lang(tool, "better_question", language),
    }
    blocks = [
        _theme_block(form, theme, number, language, texts)
        for number, theme in enumerate(form.themes, start=1)
    ]
    background = _background_block(form)
    steps = blocks + ([background] if background else [])
    errors = _error_list(form, steps, list(refusals))
    today = timezone.localdate()
    context = {
        "round": round_,
        "place": round_.place,
        "form": form,
        "form_shown": show_form and (round_.is_open_on(today) or form.manager),
        "is_open": round_.is_open_on(today),
        "not_yet": today < round_.opens,
        "manager": form.manager,
        "texts": texts,
        "low_label_lang": _fallback_lang(tool, "low_label", language),
        "high_label_lang": _fallback_lang(tool, "high_label", language),
        "scale_max": tool.scale_max,
        "comment_max": COMMENT_MAX_LENGTH,
        "theme_count": len(blocks),
        "errors": errors,
        "entry_choices": [
            Option(v, f"entry-{v}", str(label), str(label), _value(form, "entry") == v)
            for v, label in ENTRY_CHOICES
        ],
        "entry_errors": form.errors.get("entry", []),
        "website": _value(form, "website"),
        "steps_url": _survey_url(round_, 1),
    }
    if step is None:
        context.update(
            step_mode=False, blocks=blocks, background=background, action=_survey_url(round_)
        )
    else:
        current = steps[step - 1] if steps else None
        shown = set(current.fields) if current else set()
        # Carried: every answer given on the other pages, a "don't know" included.
        hidden = [
            (name, _value(form, name))
            for name in form.fields
            if name not in shown
            and name not in ("website", "entry")
            and (_value(form, name) or (name.startswith("score-") and name in form.data))
        ]
        context.update(
            step_mode=True,
            step=step,
            step_count=len(steps),
            current=current,
            is_background=current is background and background is not None,
            hidden=hidden,
            is_last=step >= len(steps),
            moved=moved,
            action=_survey_url(round_, step),
        )
    response = render(request, "platskompassen/survey.html", context, status=status)
    if request.method == "POST":
        # The page may hold someone's answers: not for the back button of a shared computer.
        patch_cache_control(response, no_store=True, private=True)
    return response


def _first_step_with_errors(form: SurveyForm, round_: Round, current: int) -> int:
    names = [(f"score-{t.key}", f"good-{t.key}", f"better-{t.key}") for t in form.themes] + [
        tuple(q for q in round_.background_questions if q in form.fields)
    ]
    with_errors = [n for n, fields in enumerate(names, start=1) if set(fields) & set(form.errors)]
    if not with_errors or current in with_errors:
        return current
    return with_errors[0]


@login_not_required
@csrf_exempt
@require_http_methods(["GET", "POST"])
def survey(request, slug: str):
    round_ = get_object_or_404(
        Round.objects.select_related("place__organisation", "tool"), slug=slug
    )
    themes = themes_of(round_)
    manager = can_manage(request.user, round_.place.organisation)
    step_count = len(themes) + (1 if round_.background_questions else 0)
    step = (
        _parse_step(request.GET.get(STEP_PARAMETER), step_count)
        if STEP_PARAMETER in request.GET
        else None
    )

    def blank_form():
        return SurveyForm(round_=round_, themes=themes, manager=manager)

    if request.method == "GET":
        return _render(request, round_, blank_form(), step=step)

    refused = _csrf_refusal(request)
    if refused is not None:
        return refused
    if int(request.META.get("CONTENT_LENGTH") or 0) > max_body():
        # Refused unread: the answers cannot be shown again.
        return _render(
            request,
            round_,
            blank_form(),
            step=step,
            status=413,
            refusals=[_("Your answers were too long to send. Please shorten your comments.")],
        )
    closed = round_.closed_reason(timezone.localdate())
    if closed and not manager:
        return _render(
            request,
            round_,
            blank_form(),
            step=step,
            status=409,
            show_form=False,
            refusals=[closed],
        )

    form = SurveyForm(request.POST, round_=round_, themes=themes, manager=manager)
    go = request.POST.get("go", "send")
    if step is not None and go in ("next", "back", "all"):
        # Moving between the pages of step mode: checked, carried along, not stored.
        if not form.is_valid():
            return _render(
                request,
                round_,
                form,
                step=_first_step_with_errors(form, round_, step),
                status=400,
            )
        if go == "all":
            return _render(request, round_, form, step=None, moved=True)
        step = _parse_step(str(step + (1 if go == "next" else -1)), step_count)
        return _render(request, round_, form, step=step, moved=True)

    if not manager:
        verdict = ratelimit.hit_client(request, "survey")
        if not verdict.allowed:
            response = _render(
                request,
                round_,
                form,
                step=step,
                status=429,
                refusals=[
                    _(
                        "Too many answers have been sent from your connection in a short "
                        "time. Please wait a few minutes and send again: your answers are "
                        "still here."
                    )
                ],
            )
            response["Retry-After"] = str(verdict.retry_after)
            return response
    if form.is_valid():
        try:
            response_submit(
                round_=round_,
                scores=form.scores(),
                comments=form.comments(),
                background=form.background(),
                kind=form.kind() if manager else Response.Kind.INDIVIDUAL,
                entered_by=request.user if manager else None,
            )
        except ValidationError as error:
            for message in messages_of(error):
                form.add_error(None, message)
        else:
            if manager:
                messages.success(
                    request,
                    _("The answers were saved. The form is empty again for the next entry."),
                )
                return redirect(_survey_url(round_, 1 if step is not None else None))
            return redirect("platskompassen:survey_thanks", round_.slug)
    if step is not None:
        step = _first_step_with_errors(form, round_, step)
    return _render(request, round_, form, step=step, status=400)


@login_not_required
@never_cache
@require_GET
def thanks(request, slug: str):
    """The same page for everyone: it shows nothing of the answers just sent."""
    round_ = get_object_or_404(Round.objects.select_related("place"), slug=slug)
    return render(request, "platskompassen/survey_thanks.html", {"round": round_})
