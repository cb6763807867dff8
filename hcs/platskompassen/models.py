"""Platskompassen: places, assessment rounds on them, and the anonymous answers.

A tool version (its themes, questions and scale) is data, so the children's, young people's and
Climate Lens versions are added in the admin. Answers are anonymous: a response keeps the day it
came in and the background answers the round asked for, never an IP address or a name.

Scores are stored one row per answered theme, with the round copied onto the row, so that a
round's results are one grouped count over an index (`queries.round_results`)."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from hcs.lib.dates import format_date
from hcs.organisations.models import Organisation

COMMENT_MAX_LENGTH = 2000


class ToolVersion(models.Model):
    key = models.SlugField(_("key"), max_length=40, unique=True)
    name = models.CharField(_("name (Swedish)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    scale_max = models.PositiveSmallIntegerField(
        _("highest score"), default=7, help_text=_("7 for the core tool, 3 for the children's.")
    )
    low_label = models.CharField(
        _("meaning of 1 (Swedish)"), max_length=80, default="Mycket att förbättra"
    )
    low_label_en = models.CharField(
        _("meaning of 1 (English)"), max_length=80, default="A lot of room for improvement"
    )
    high_label = models.CharField(
        _("meaning of the highest score (Swedish)"), max_length=80, default="Lite att förbättra"
    )
    high_label_en = models.CharField(
        _("meaning of the highest score (English)"),
        max_length=80,
        default="Very little room for improvement",
    )
    good_question = models.CharField(
        _("free text 1 (Swedish)"), max_length=120, default="Vad är bra här?"
    )
    good_question_en = models.CharField(
        _("free text 1 (English)"), max_length=120, default="What is good here?"
    )
    better_question = models.CharField(
        _("free text 2 (Swedish)"), max_length=120, default="Vad kan bli bättre?"
    )
    better_question_en = models.CharField(
        _("free text 2 (English)"), max_length=120, default="What could be better?"
    )
    is_default = models.BooleanField(
        _("default for new rounds"), default=False, help_text=_("One version at most.")
    )

    class Meta:
        verbose_name = _("tool version")
        verbose_name_plural = _("tool versions")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gte=2, scale_max__lte=10),
                name="tool_scale_between_2_and_10",
                violation_error_message=_("The highest score must be between 2 and 10."),
            ),
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="tool_one_default",
                violation_error_message=_("Another tool version is already the default."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def text(self, field: str, language: str | None) -> str:
        """A field in the visitor's language: the English one when asked for and given."""
        english = getattr(self, f"{field}_en", "")
        return english if language == "en" and english else getattr(self, field)


class Theme(models.Model):
    tool = models.ForeignKey(
        ToolVersion, verbose_name=_("tool version"), on_delete=models.CASCADE, related_name="themes"
    )
    key = models.SlugField(_("key"), max_length=40)
    position = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name (Swedish)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80, blank=True)
    question = models.CharField(_("question (Swedish)"), max_length=300)
    question_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    prompts = models.TextField(
        _("prompts (Swedish)"), blank=True, help_text=_("One a line: things to think about.")
    )
    prompts_en = models.TextField(_("prompts (English)"), blank=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["tool", "position"]
        constraints = [
            models.UniqueConstraint(fields=["tool", "key"], name="theme_key_unique_per_tool"),
            models.UniqueConstraint(
                fields=["tool", "position"], name="theme_position_unique_per_tool"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"

    def text(self, field: str, language: str | None) -> str:
        english = getattr(self, f"{field}_en", "")
        return english if language == "en" and english else getattr(self, field)

    def prompt_list(self, language: str | None) -> list[str]:
        return [
            line.strip() for line in self.text("prompts", language).splitlines() if line.strip()
        ]


class Place(models.Model):
    """A place a member assesses: a neighbourhood, a square, a village."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("member organisation"),
        on_delete=models.PROTECT,
        related_name="places",
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    municipality = models.ForeignKey(
        Organisation,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        limit_choices_to={"kind": "municipality"},
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="place_point_on_earth",
                violation_error_message=_("Give both latitude and longitude, or neither."),
            )
        ]

    def __str__(self) -> str:
        return self.name


def new_slug() -> str:
    # Unguessable, so an unpublished round cannot be found by trying numbers.
    return secrets.token_urlsafe(8).replace("-", "x").replace("_", "y").lower()


class Round(models.Model):
    """One assessment of a place: open from `opens` to `closes` (both inclusive)."""

    class Mode(models.TextChoices):
        SURVEY = "survey", _("Individual survey")
        GROUP = "group", _("Group session")
        PAPER = "paper", _("Paper answers entered by staff")

    BACKGROUND_QUESTIONS = ("age_band", "gender", "relation", "area")

    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.PROTECT, related_name="rounds"
    )
    slug = models.SlugField(_("link"), max_length=20, unique=True, default=new_slug)
    title = models.CharField(_("title"), max_length=150)
    introduction = models.TextField(_("introduction"), blank=True)
    opens = models.DateField(_("opens"))
    closes = models.DateField(_("closes"))
    tool = models.ForeignKey(
        ToolVersion, verbose_name=_("tool version"), on_delete=models.PROTECT, related_name="+"
    )
    mode = models.CharField(_("mode"), max_length=8, choices=Mode.choices, default=Mode.SURVEY)
    publish_results = models.BooleanField(_("results are public"), default=False)
    background_questions = models.JSONField(_("background questions"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("assessment round")
        verbose_name_plural = _("assessment rounds")
        ordering = ["-opens", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gte=F("opens")),
                name="round_closes_on_or_after_opening",
                violation_error_message=_("A round cannot close before it opens."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.place}: {self.title}"

    def clean(self):
        questions = self.background_questions
        if not isinstance(questions, list) or any(
            q not in self.BACKGROUND_QUESTIONS for q in questions
        ):
            raise ValidationError(
                {
                    "background_questions": _("Choose among: %(keys)s.")
                    % {"keys": ", ".join(self.BACKGROUND_QUESTIONS)}
                }
            )

    def is_open_on(self, day) -> bool:
        """The one rule for "is the survey open": from `opens` to `closes`, both inclusive."""
        return self.opens <= day <= self.closes

    def closed_reason(self, day) -> str | None:
        """Why the survey takes no answers on `day` (not open yet, or closed); None when open."""
        if self.is_open_on(day):
            return None
        if day < self.opens:
            return _("This survey opens on %(day)s.") % {"day": format_date(self.opens)}
        return _("This survey has closed.")


class Response(models.Model):
    """One anonymous answer: by a resident, or a group session's agreed scores."""

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual")
        GROUP = "group", _("Group session (agreed scores)")

    class AgeBand(models.TextChoices):
        UNDER_18 = "u18", _("Under 18")
        A18_29 = "18_29", "18–29"
        A30_44 = "30_44", "30–44"
        A45_64 = "45_64", "45–64"
        A65_79 = "65_79", "65–79"
        A80_PLUS = "80plus", _("80 or older")

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        OTHER = "other", _("Other or non-binary")

    class Relation(models.TextChoices):
        LIVE = "live", _("I live here")
        WORK = "work", _("I work here")
        STUDY = "study", _("I study here")
        VISIT = "visit", _("I visit")

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="responses"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.INDIVIDUAL)
    # The day only: a time of day could single a person out.
    submitted_on = models.DateField(_("submitted"))
    age_band = models.CharField(_("age"), max_length=8, choices=AgeBand.choices, blank=True)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)
    relation = models.CharField(
        _("relation to the place"), max_length=8, choices=Relation.choices, blank=True
    )
    area = models.CharField(_("area or postcode"), max_length=40, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("For paper answers and group sessions entered by staff."),
    )

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["round", "kind"])]

    def __str__(self) -> str:
        return f"{self.round} #{self.pk}"


class Score(models.Model):
    """One theme's score in one response; a skipped theme has no row (no score is not a 1)."""

    # Copied from the response, so that a round's results read this table's index alone.
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Response.Kind.choices)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="scores")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        indexes = [models.Index(fields=["round", "kind", "theme", "value"])]
        constraints = [
            models.UniqueConstraint(fields=["response", "theme"], name="score_one_per_theme"),
            models.CheckConstraint(condition=Q(value__gte=1), name="score_at_least_1"),
        ]

    def __str__(self) -> str:
        return f"{self.theme_id}: {self.value}"


class Comment(models.Model):
    """What is good here and what could be better, for one theme of one response."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="comments")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="+")
    good = models.TextField(_("what is good"), max_length=COMMENT_MAX_LENGTH, blank=True)
    better = models.TextField(_("what could be better"), max_length=COMMENT_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["round", "theme"])]
        constraints = [
            models.UniqueConstraint(fields=["response", "theme"], name="comment_one_per_theme")
        ]

    def __str__(self) -> str:
        return f"{self.theme_id}: {self.good[:40]} / {self.better[:40]}"
