"""Key figures and social-media figures of a report."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from report import figure_format
from report.blocks.fields import NoteNumberBlock, NumberBlock, SourceNotesBlock, unit_choices

# The range a value of each unit can take; other units take any value.
UNIT_RANGES = {
    "percent": (Decimal(0), Decimal(100)),
    "score10": (Decimal(0), Decimal(10)),
    "hours": (Decimal(0), None),
    "years": (Decimal(0), None),
}
# Units whose change is a difference in points, not a percentage of last year's value.
POINT_UNITS = {"percent", "score10"}


class KeyFigureBlock(blocks.StructBlock):
    value = NumberBlock(
        label=_("Value"),
        decimal_places=2,
        help_text=_("The number alone: 97 for 97 %, 68577 for 68 577 hours."),
    )
    unit = blocks.ChoiceBlock(label=_("Unit"), choices=unit_choices, default="number")
    qualifier = blocks.ChoiceBlock(
        label=_("Qualifier"),
        choices=[("more_than", _("more than")), ("about", _("about"))],
        required=False,
        help_text=_("For a rounded figure, e.g. “more than 300”."),
    )
    label = blocks.CharBlock(
        label=_("Label"),
        max_length=150,
        help_text=_("What the figure counts, read after it: “enterprises served”."),
    )
    previous_value = NumberBlock(
        label=_("Last year's value"),
        required=False,
        decimal_places=2,
        help_text=_("Optional: the change from last year is computed and shown."),
    )
    note = NoteNumberBlock()

    class Meta:
        label = _("Key figure")
        icon = "decimal"
        label_format = "{value} {label}"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        for field_name in ("value", "previous_value"):
            message = out_of_range_message(value.get(field_name), value.get("unit"))
            if message:
                errors[field_name] = ValidationError(message)
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value


def out_of_range_message(number, unit):
    """What is wrong with `number` for `unit`, or None."""
    if number is None:
        return None
    low, high = UNIT_RANGES.get(unit, (None, None))
    if unit == "currency" and number != number.to_integral_value():
        return gettext("Amounts in dollars are whole numbers: leave out the cents.")
    if (low is not None and number < low) or (high is not None and number > high):
        if unit == "percent":
            return gettext("A percentage is between 0 and 100: enter 97 for 97 %.")
        if unit == "score10":
            return gettext("A score out of 10 is between 0 and 10.")
        return gettext("This figure cannot be negative.")
    return None


def label_key(label):
    """A label as figures are matched across years: case and spacing do not count."""
    return " ".join(str(label).casefold().split())


def is_last_years_report(page, previous_report):
    """Whether `previous_report` is the report of the fiscal year just before `page`'s: only
    then is its figure “last year's”."""
    if page is None or previous_report is None:
        return False
    start, previous_start = page.fiscal_year_start, previous_report.fiscal_year_start
    return start is not None and previous_start.year == start.year - 1


def last_years_figures(page, previous_report):
    """{(label key, unit): value} of the key figures of last year's report, or {}.

    Read from `previous_report`, which the page has already fetched (no query), once per page:
    the result is kept on that object for the page's other key-figures blocks.
    """
    if not is_last_years_report(page, previous_report):
        return {}
    cached = previous_report.__dict__.get("_last_years_figures")
    if cached is None:
        cached = {}
        for child in previous_report.body.blocks_by_name("key_figures"):
            for figure in child.value["figures"]:
                key = (label_key(figure["label"]), figure["unit"])
                # The first figure of a label wins, as in the year-over-year table.
                cached.setdefault(key, figure["value"])
        previous_report.__dict__["_last_years_figures"] = cached
    return cached


def previous_value(figure, last_years):
    """Last year's value of `figure`: the one the editor typed, else last year's report's."""
    if figure.get("previous_value") is not None:
        return figure["previous_value"]
    return last_years.get((label_key(figure["label"]), figure["unit"]))


def key_figure_view(figure, last_years=None):
    """What a visitor reads for one figure: “more than 300”, its label, its change.

    `last_years`: last year's report's figures (`last_years_figures`), for the figures whose
    previous value the editor left empty.
    """
    text = figure_format.figure(figure["value"], figure["unit"])
    if figure.get("qualifier") == "more_than":
        text = gettext("more than %(figure)s") % {"figure": text}
    elif figure.get("qualifier") == "about":
        text = gettext("about %(figure)s") % {"figure": text}
    return {
        "text": text,
        "label": figure["label"],
        "note": figure.get("note"),
        **figure_change(figure["value"], previous_value(figure, last_years or {}), figure["unit"]),
    }


def figure_change(value, previous, unit):
    """The change from last year: in points for percentages and scores, else in percent."""
    if previous is None:
        return {"previous_text": "", "change_text": ""}
    if value is None:
        # A draft (e.g. next year's report) whose figure is still to be typed.
        return {"previous_text": figure_format.figure(previous, unit), "change_text": ""}
    difference = Decimal(value) - Decimal(previous)
    if unit in POINT_UNITS:
        change_text = figure_format.signed_number(difference)
    else:
        # Empty when last year's value was 0: no percentage of nothing.
        change_text = figure_format.signed_percent(
            figure_format.ratio_percent(difference, previous)
        )
    return {"previous_text": figure_format.figure(previous, unit), "change_text": change_text}


class KeyFiguresBlock(SourceNotesBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=150)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Figures"), min_num=1, max_num=12)

    dom_id_prefix = "key-figures"

    class Meta:
        label = _("Key figures")
        icon = "pick"
        template = "report/blocks/key_figures.html"
        help_text = _(
            "A few figures that sum up the year, each with its unit and what it counts. Enter "
            "last year's value to show the change."
        )
        description = _("Large figures with their labels, e.g. hours of service delivered.")
        preview_value = {
            "heading": "L’année en chiffres",
            "figures": [
                {
                    "value": Decimal(68577),
                    "unit": "hours",
                    "qualifier": "",
                    "label": "de services professionnels rendus aux membres",
                    "previous_value": Decimal(65300),
                    "note": None,
                },
                {
                    "value": Decimal(300),
                    "unit": "number",
                    "qualifier": "more_than",
                    "label": "entreprises collectives accompagnées",
                    "previous_value": None,
                    "note": None,
                },
                {
                    "value": Decimal(97),
                    "unit": "percent",
                    "qualifier": "",
                    "label": "des répondants recommanderaient nos services",
                    "previous_value": None,
                    "note": 1,
                },
            ],
            "source": "Sondage de satisfaction des membres, 2022",
            "notes": ["Sondage mené auprès des membres en mars 2022."],
        }

    def note_references(self, value):
        figures = enumerate(value["figures"])
        return [(("figures", index), figure.get("note")) for index, figure in figures]

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        parent_context = parent_context or {}
        last_years = last_years_figures(
            parent_context.get("page"), parent_context.get("previous_report")
        )
        # A figure without its value (a draft still to update) is not shown at all: “more than”,
        # its label or last year's value alone would be half a sentence.
        context["figures"] = [
            key_figure_view(figure, last_years)
            for figure in value["figures"]
            if figure["value"] is not None
        ]
        return context


class SocialNetworkFiguresBlock(blocks.StructBlock):
    network = blocks.CharBlock(label=_("Network"), max_length=60, help_text=_("E.g. LinkedIn."))
    followers = blocks.IntegerBlock(
        label=_("Followers"), min_value=0, help_text=_("At the end of the fiscal year.")
    )
    followers_gained = blocks.IntegerBlock(
        label=_("Followers gained"),
        required=False,
        min_value=0,
        help_text=_("During the year; the growth in percent is computed from it."),
    )
    posts = blocks.IntegerBlock(label=_("Posts"), required=False, min_value=0)
    unique_visitors = blocks.IntegerBlock(label=_("Unique visitors"), required=False, min_value=0)
    ad_campaigns = blocks.IntegerBlock(label=_("Ad campaigns"), required=False, min_value=0)
    impressions = blocks.IntegerBlock(label=_("Impressions"), required=False, min_value=0)

    class Meta:
        label = _("Social network")
        icon = "globe"
        label_format = "{network}"

    def clean(self, value):
        value = super().clean(value)
        followers, gained = value.get("followers"), value.get("followers_gained")
        if followers is not None and gained is not None and gained > followers:
            message = gettext(
                "%(gained)s followers gained is more than the %(followers)s followers at the end "
                "of the year: check both numbers."
            ) % {
                "gained": figure_format.number(gained),
                "followers": figure_format.number(followers),
            }
            raise blocks.StructBlockValidationError(
                block_errors={"followers_gained": ValidationError(message)}
            )
        return value


# The figures shown for a network, in this order, with how they are labelled.
NETWORK_FIGURES = (
    ("posts", _("Posts")),
    ("unique_visitors", _("Unique visitors")),
    ("ad_campaigns", _("Ad campaigns")),
    ("impressions", _("Impressions")),
)


def follower_growth(followers, gained):
    """Growth over the year in percent: gained / (followers - gained); None if it started at 0."""
    if gained is None or followers is None:
        return None
    return figure_format.ratio_percent(gained, followers - gained)


def network_view(network):
    followers, gained = network["followers"], network.get("followers_gained")
    return {
        "network": network["network"],
        "followers": followers,
        "followers_gained": gained,
        "growth": follower_growth(followers, gained),
        "figures": [
            (label, network.get(name))
            for name, label in NETWORK_FIGURES
            if network.get(name) is not None
        ],
    }


class SocialMediaBlock(SourceNotesBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=150)
    networks = blocks.ListBlock(
        SocialNetworkFiguresBlock(), label=_("Networks"), min_num=1, max_num=8
    )

    dom_id_prefix = "social-media"

    class Meta:
        label = _("Social media figures")
        icon = "globe"
        template = "report/blocks/social_media.html"
        help_text = _(
            "The year's figures for each social network. Leave empty the figures a network "
            "does not give."
        )
        description = _("Followers, growth, posts and visitors for each social network.")
        preview_value = {
            "heading": "Nos réseaux sociaux",
            "networks": [
                {
                    "network": "LinkedIn",
                    "followers": 1230,
                    "followers_gained": 450,
                    "posts": 54,
                    "unique_visitors": 1249,
                    "ad_campaigns": None,
                    "impressions": None,
                },
                {
                    "network": "Facebook",
                    "followers": 582,
                    "followers_gained": 135,
                    "posts": 150,
                    "unique_visitors": None,
                    "ad_campaigns": 2,
                    "impressions": 5554,
                },
            ],
            "source": "Statistiques de LinkedIn et de Facebook, 31 mars 2022",
            "notes": [],
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["networks"] = [network_view(network) for network in value["networks"]]
        return context
