"""Blocks that read the report's year from `members` and its pages: nothing here is retyped.

They render from the report page found in the template context (`page`): the board's mandates
and the members admitted during its fiscal year, the teasers of its messages or projects.
In the block picker's preview there is no page, so they explain what they will show instead.
Each reads a fixed number of queries, however many people, members or pages there are.
"""

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Prefetch, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.models import Filter, Picture, SourceImageIOError
from wagtail.models import Page

from members.models import BoardMandate, BoardMeeting, MemberOrganisation
from report import release
from report.blocks.sections import part_heading_level

# The card's portrait is shown 6rem wide: that size and twice it, in AVIF and WebP for the
# browsers that read them and JPEG for the others, cropped around the focal point.
PORTRAIT_SPECS = Filter.expand_spec("fill-{96x96,192x192}|format-{avif,webp,jpeg}")
PORTRAIT_ATTRIBUTES = {
    "class": "report-card__portrait",
    "alt": "",
    "sizes": "6rem",
    "loading": "lazy",
    "decoding": "async",
}


def report_page_in(context):
    """The report page being rendered, or None (the block picker previews blocks without one)."""
    page = (context or {}).get("page")
    return page if getattr(page, "fiscal_year_start", None) else None


def is_preview(context):
    """An editor's preview: the cards show every page under the report as last edited."""
    return getattr((context or {}).get("request"), "is_preview", False)


def once_per_page(page, key, compute):
    """`compute()`, run once per page instance: a report may show a block of this kind twice,
    and its data must cost the same number of queries however many times it appears."""
    memo = page.__dict__.setdefault("_report_block_data", {})
    key = (translation.get_language(), key)
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def localized_in_bulk(instances):
    """{pk: the instance in the visitor's language} for translatable snippets, in one query.

    What `.localized` gives one instance at a time, at one query each. An instance that has no
    translation in the active language stays as it is, as with `.localized`.
    """
    instances = [instance for instance in instances if instance is not None]
    if not instances:
        return {}
    try:
        language = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return {instance.pk: instance for instance in instances}
    if all(already_in(language, instance) for instance in instances):
        return {instance.pk: instance for instance in instances}
    model = type(instances[0])
    translations = model.objects.filter(
        translation_key__in={instance.translation_key for instance in instances},
        locale__language_code=language,
    )
    by_key = {translated.translation_key: translated for translated in translations}
    return {instance.pk: by_key.get(instance.translation_key, instance) for instance in instances}


def already_in(language, instance):
    """Whether `instance` is in `language`, known without a query (its locale fetched with it)."""
    locale_field = type(instance).locale
    return locale_field.is_cached(instance) and instance.locale.language_code == language


# Board composition


@dataclass
class BoardMember:
    name: str
    role: str
    executive_committee: bool
    category: str = ""


def board_members(page, with_category):
    """The board of the page's fiscal year, roles (and categories) in the visitor's language."""
    mandates = list(
        BoardMandate.objects.filter(
            fiscal_year_start__range=(page.fiscal_year_start, page.fiscal_year_end)
        ).select_related("person", "role__locale", "member_category__locale")
    )
    roles = localized_in_bulk(mandate.role for mandate in mandates)
    categories = {}
    if with_category:
        categories = localized_in_bulk(mandate.member_category for mandate in mandates)
    return [
        BoardMember(
            name=mandate.person.name_with_honorific,
            role=roles[mandate.role_id].name,
            executive_committee=mandate.executive_committee,
            category=getattr(categories.get(mandate.member_category_id), "name", ""),
        )
        for mandate in mandates
    ]


class BoardCompositionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    show_member_category = blocks.BooleanBlock(
        label=_("Show the member category each person represents"), required=False
    )

    class Meta:
        label = _("Board of directors")
        icon = "group"
        template = "report/blocks/board.html"
        help_text = _(
            "Lists the board mandates of the report's fiscal year, entered in Members › Board "
            "mandates: role, name, executive committee and, if ticked, member category."
        )
        description = _("The board of directors of the report's year, from the members records.")
        preview_value = {"heading": "Conseil d'administration", "show_member_category": True}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = report_page_in(parent_context)
        context["report_page"] = page
        if page:
            with_category = bool(value.get("show_member_category"))
            context["members"] = once_per_page(
                page, ("board", with_category), lambda: board_members(page, with_category)
            )
        return context


# New members


@dataclass
class MeetingAdmissions:
    """The member organisations admitted at one board meeting (None: outside any meeting)."""

    meeting: BoardMeeting | None
    members: list

    @property
    def count(self):
        return len(self.members)


def admitted_during(page):
    """Member organisations whose admission date falls in the page's fiscal year."""
    year = (page.fiscal_year_start, page.fiscal_year_end)
    # The admission date is date_admitted when given, else the admitting meeting's date.
    in_year = Q(date_admitted__range=year) | Q(
        date_admitted__isnull=True, admitted_at__date__range=year
    )
    return MemberOrganisation.objects.filter(in_year)


def admissions_by_meeting(members):
    """Members grouped by admitting meeting, meetings in date order, admissions without one last."""
    groups = {}
    for member in members:
        groups.setdefault(member.admitted_at, []).append(member)
    in_date_order = sorted(groups, key=lambda meeting: (meeting is None, meeting and meeting.date))
    return [MeetingAdmissions(meeting, groups[meeting]) for meeting in in_date_order]


def new_members_count_message(stated, counted, page):
    return ngettext(
        "The number as printed is %(stated)d, but %(counted)d member organisation was admitted "
        "during the fiscal year %(year)s: correct the number, or the admissions in Members.",
        "The number as printed is %(stated)d, but %(counted)d member organisations were "
        "admitted during the fiscal year %(year)s: correct the number, or the admissions in "
        "Members.",
        counted,
    ) % {"stated": stated, "counted": counted, "year": page.fiscal_year_label}


class NewMembersBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    stated_count = blocks.IntegerBlock(
        label=_("Number as printed"),
        required=False,
        min_value=0,
        help_text=_(
            "Optional: the number of new members as the printed report gives it. It is checked "
            "against the members admitted during the year when the report is saved; the page "
            "always shows the number counted."
        ),
    )

    class Meta:
        label = _("New members")
        icon = "user"
        template = "report/blocks/new_members.html"
        help_text = _(
            "Lists the member organisations admitted during the report's fiscal year, entered in "
            "Members › Member organisations, grouped by the board meeting that admitted them."
        )
        description = _("The year's new members by board meeting, from the members records.")
        preview_value = {"heading": "Nouveaux membres"}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = report_page_in(parent_context)
        context["report_page"] = page
        context["meeting_heading_level"] = part_heading_level(value.get("heading"))
        if page:
            context["meetings"] = once_per_page(
                page,
                "new_members",
                lambda: admissions_by_meeting(
                    admitted_during(page).select_related("admitted_at").order_by("name")
                ),
            )
            context["total"] = sum(group.count for group in context["meetings"])
        return context

    def count_mismatch(self, value, page):
        """The error for `stated_count` if it differs from the members admitted in `page`'s year.

        clean() cannot check this: a block is validated without the page it belongs to, and
        the count depends on the page's fiscal year. The report page's clean() calls this for
        each `new_members` block of its body, and raises what it returns (None when the
        numbers agree) in a StreamBlockValidationError at that block's index.
        """
        stated = value.get("stated_count")
        if stated is None:
            return None
        counted = admitted_during(page).count()
        if stated == counted:
            return None
        message = new_members_count_message(stated, counted, page)
        return StructBlockValidationError(block_errors={"stated_count": ValidationError(message)})


# Teasers of the report's messages and projects


@dataclass
class Teaser:
    page: object
    headline: str = ""
    author_name: str = ""
    author_role: str = ""
    portrait: object = None  # a <picture> of the portrait, or of the author's photo


def portrait_renditions(path):
    """Prefetch only the card's renditions of the image at `path`: no query per card."""
    rendition_model = get_image_model().get_rendition_model()
    return Prefetch(
        f"{path}__renditions",
        queryset=rendition_model.objects.filter(filter_spec__in=PORTRAIT_SPECS),
    )


def card_portrait(image):
    """The card's <picture> of `image`, or None: a lost image file must not break the page."""
    if image is None:
        return None
    try:
        return Picture(image.get_renditions(*PORTRAIT_SPECS), dict(PORTRAIT_ATTRIBUTES))
    except SourceImageIOError:
        return None


def report_teasers(report, preview=False):
    """{"messages": [...], "projects": [...]}: the cards of the report's pages, in the order of
    the page tree. A visitor's cards cost one query (two more for the renditions when pages
    have portraits); a preview shows every page as last edited."""
    # Imported here: report.models imports the report blocks, so not the other way round.
    message_page = apps.get_model("report", "MessagePage")
    project_page = apps.get_model("report", "ProjectPage")
    if preview:
        messages = release.preview_child_pages(report, message_page)
        projects = release.preview_child_pages(report, project_page)
    else:
        pages = live_child_pages(report, message_page, project_page)
        messages = [page for page in pages if isinstance(page, message_page)]
        projects = [page for page in pages if isinstance(page, project_page)]
    return {
        "messages": [
            Teaser(
                page=message,
                headline=message.headline,
                author_name=message.author.name_with_honorific,
                author_role=message.author_role,
                portrait=card_portrait(message.portrait_image),
            )
            for message in messages
        ],
        "projects": [Teaser(page=project) for project in projects],
    }


def live_child_pages(report, *models):
    """The report's live pages of these models, each as its own model, in one query: each
    model's table joined to the tree's (Wagtail's page-to-subclass links), without their
    StreamFields, which no card shows; a message's author and portrait joined too."""
    links = [model._meta.model_name for model in models]
    related = [*links, "messagepage__author__photo", "messagepage__portrait"]
    streamfields = [
        f"{link}__{field.name}"
        for link, model in zip(links, models, strict=True)
        for field in model._meta.local_fields
        if isinstance(field, StreamField)
    ]
    children = (
        Page.objects.child_of(report)
        .live()
        .order_by("path")
        .select_related(*related)
        .prefetch_related(
            portrait_renditions("messagepage__portrait"),
            portrait_renditions("messagepage__author__photo"),
        )
        .defer(*streamfields)
    )
    return [page for child in children if (page := as_subclass(child, links)) is not None]


def as_subclass(page, links):
    """The instance of `page`'s own model that the query joined, or None."""
    for link in links:
        try:
            return getattr(page, link)
        except ObjectDoesNotExist:
            continue
    return None


class ReportPagesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    page_type = blocks.ChoiceBlock(
        label=_("Pages"),
        choices=[("messages", _("Messages")), ("projects", _("Structuring projects"))],
        default="messages",
    )

    class Meta:
        label = _("Messages or projects")
        icon = "doc-full-inverse"
        template = "report/blocks/report_pages.html"
        help_text = _(
            "Cards linking to the report's published messages or structuring projects, in the "
            "order of the page tree. Add and order the pages themselves under the report."
        )
        description = _("Cards linking to the report's messages or projects.")
        preview_value = {
            "heading": "Les mots de la présidence et de la direction",
            "page_type": "messages",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = report_page_in(parent_context)
        context["report_page"] = page
        context["card_heading_level"] = part_heading_level(value.get("heading"))
        if page:
            # A report previewed before its first save has no children yet (nor a tree path).
            page_type = value["page_type"]
            preview = is_preview(parent_context)
            context["teasers"] = (
                once_per_page(page, "teasers", lambda: report_teasers(page, preview=preview))[
                    page_type
                ]
                if page.pk
                else []
            )
        return context
