"""Load the demonstration annual report (2021-2022) in French and translate it into English with
wagtail-localize. Run after `load_demo_site`. Safe to run again: it changes nothing that exists.

The report's facts come from the report as published (demo/report_content.py). Where the
published text breaks the site's data rules (a total that does not add up, a count that does
not match its list, a date that is not a date), the report shows what the rules allow and this
command says so, one "Seed data:" line per problem, so that nothing is corrected silently.
"""

import datetime
import itertools
import re
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale

from demo import report_content as content
from editorial.localization import ensure_locale, publish_translation
from home.models import HomePage
from members.models import (
    BoardMandate,
    BoardMeeting,
    BoardRole,
    MemberOrganisation,
    MembershipCategory,
    Person,
)
from report.models import MessagePage, ProjectPage, ReportIndexPage, ReportYearPage

MONTHS = {
    "janvier": 1,
    "février": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
}
# “Title 3 juin 2021” or “Title – 3 juin 2021”: the date is the end of the line.
DATED_LINE = re.compile(
    r"^(?P<title>.+?)(?:\s+[–-])?\s+(?P<date>(?:1er|\d{1,2})\s+\w+\s+\d{4})$", re.UNICODE
)


def parse_french_date(text):
    """“3 juin 2021”, “1er octobre 2021” → a date; ValueError if it is not a real date."""
    parts = text.split()
    if len(parts) != 3 or parts[1].lower() not in MONTHS:
        raise ValueError(f"not a date: {text!r}")
    day = 1 if parts[0] == "1er" else int(parts[0])
    return datetime.date(int(parts[2]), MONTHS[parts[1].lower()], day)


def month_of_french_date(text):
    """“37 octobre 2021” → the first of October 2021: the month and year of a date whose day is
    not real; ValueError if the month or the year is not one either."""
    parts = text.split()
    if len(parts) != 3 or parts[1].lower() not in MONTHS or not parts[2].isdigit():
        raise ValueError(f"no month in: {text!r}")
    return datetime.date(int(parts[2]), MONTHS[parts[1].lower()], 1)


def split_dated_line(line):
    """“AGA TIESSS – 25 novembre 2021” → ("AGA TIESSS", "25 novembre 2021")."""
    match = DATED_LINE.match(line.strip())
    if match is None:
        return line.strip(), ""
    return match["title"], match["date"]


def plain_amount(value):
    """548 175 $ / (29 779) $, with ordinary spaces, for messages in a terminal."""
    digits = f"{abs(int(value)):,}".replace(",", " ")
    return f"({digits}) $" if value < 0 else f"{digits} $"


def rounded(value, decimals=0):
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def percent_change(new, old):
    return (Decimal(new) - Decimal(old)) / Decimal(old) * 100


def is_in_date_order(dates):
    return all(first <= second for first, second in itertools.pairwise(dates))


class SeedData:
    """The published report read into block values, with the problems found on the way."""

    def __init__(self):
        self.problems = []
        self.dates = []

    def problem(self, text):
        self.problems.append(text)

    # --- Financial affairs ------------------------------------------------------------------

    def financial_table(self):
        rows = content.FINANCIAL_ROWS
        stated_result = {}
        for column, printed in content.FINANCIAL_PRINTED_RESULT.items():
            computed = sum(
                row[column] if row["kind"] == "revenue" else -row[column] for row in rows
            )
            if computed == printed:
                stated_result[column] = printed
            else:
                stated_result[column] = None
                self.problem(
                    f"the surplus (deficit) of “{content.FINANCIAL_COLUMNS[column]}” is printed "
                    f"{plain_amount(printed)} but revenues - expenses = {plain_amount(computed)}: "
                    "the printed figure is not stored; the table shows the computed result."
                )
        for row in rows:
            computed = percent_change(row["actual"], row["previous_actual"])
            printed = row["printed_variance"]
            decimals = max(0, -printed.as_tuple().exponent)
            if rounded(computed, decimals) != printed:
                self.problem(
                    f"the variance of “{row['label']}” is printed {printed:+} % but "
                    f"(actual - previous actual) / previous actual = {computed:+.1f} %: "
                    "the table shows the computed variance."
                )
        revenues = next(row for row in rows if row["kind"] == "revenue")
        growth = percent_change(revenues["actual"], revenues["previous_actual"])
        if rounded(growth) != content.PRINTED_REVENUE_GROWTH:
            self.problem(
                f"the text gives a growth of revenues of {content.PRINTED_REVENUE_GROWTH} % but "
                f"the table computes {growth:+.1f} %."
            )
        return {
            "caption": content.FINANCIAL_CAPTION,
            "rows": [
                {
                    "label": row["label"],
                    "kind": row["kind"],
                    "actual": row["actual"],
                    "budget": row["budget"],
                    "previous_actual": row["previous_actual"],
                    "next_budget": row["next_budget"],
                    "note": None,
                }
                for row in rows
            ],
            "stated_result": stated_result,
            "paste": "",
            "show_chart": True,
            "source": "",
            "notes": [],
        }

    # --- Business development ---------------------------------------------------------------

    def timeline(self):
        categories = []
        for category in content.TIMELINE:
            name = category["name"]
            events = []
            for line in category["events"]:
                event = self.event(line, name)
                if event is not None:
                    events.append(event)
            dates = [event["date"] for event in events]
            self.dates.extend(dates)
            printed, listed, shown = category["printed_count"], len(category["events"]), len(events)
            if printed != shown:
                detail = f"{listed} are listed"
                if shown != listed:
                    detail += f", of which {shown} have a valid date"
                self.problem(
                    f"“{name}” is printed with {printed} events; {detail}: the printed count "
                    f"is not stored; the timeline shows {shown} and counts them."
                )
            if not is_in_date_order(dates):
                self.problem(
                    f"the events of “{name}” are printed out of date order: the timeline shows "
                    "them in date order."
                )
            categories.append(
                {
                    "name": name,
                    "stated_count": printed if printed == shown else None,
                    "events": events,
                }
            )
        return {
            "heading": content.TIMELINE_HEADING,
            "introduction": content.TIMELINE_INTRODUCTION,
            "categories": categories,
        }

    def event(self, line, category_name):
        """The event of a printed line, its date as precise as the line gives it; None (and a
        problem) for a line without even a month."""
        title, date_text = split_dated_line(line)
        try:
            return {"date": parse_french_date(date_text), "precision": "day", "title": title}
        except ValueError:
            pass
        try:
            month = month_of_french_date(date_text)
        except ValueError:
            self.problem(
                f"the event “{line}” of “{category_name}” has no valid date "
                f"(“{date_text or line}” is not a date): it is left out."
            )
            return None
        day = date_text.split()[0]
        self.problem(
            f"the event “{line}” of “{category_name}” is dated day “{day}”, which does not "
            f"exist: it is kept with its month only ({month:%Y-%m})."
        )
        return {"date": month, "precision": "month", "title": title}

    def orientations(self):
        items = content.ORIENTATIONS["items"]
        if len(items) != content.ORIENTATIONS_PRINTED_COUNT:
            self.problem(
                f"the text announces {content.ORIENTATIONS_PRINTED_COUNT} orientations but lists "
                f"{len(items)}: the list shows the {len(items)}."
            )
        return dict(content.ORIENTATIONS)

    # --- Members ----------------------------------------------------------------------------

    def new_member_groups(self):
        """[(meeting date, [organisation names])] in the published order, and the count to store."""
        groups = []
        for heading, names in content.NEW_MEMBERS:
            date_text = heading.removeprefix("CA du ").strip()
            try:
                date = parse_french_date(date_text)
            except ValueError:
                self.problem(f"the new members' group “{heading}” has no valid date: left out.")
                continue
            if not heading.startswith("CA du "):
                self.problem(
                    f"the new members' group “{heading}” does not say “CA du”: taken as the "
                    f"board meeting of {date.isoformat()}."
                )
            if not content.FISCAL_YEAR_START <= date <= content.FISCAL_YEAR_END:
                self.problem(
                    f"the board meeting “{heading}” falls outside the fiscal year: its members "
                    "are not shown in this report."
                )
            groups.append((date, names))
        self.dates.extend(date for date, _names in groups)
        if not is_in_date_order([date for date, _names in groups]):
            self.problem(
                "the new members' board meetings are printed out of date order: the list shows "
                "them in date order."
            )
        listed = sum(len(names) for _date, names in groups)
        stated_count = None
        for where, printed in content.NEW_MEMBERS_PRINTED_COUNTS.items():
            if printed == listed:
                stated_count = printed
            else:
                self.problem(
                    f"{where} gives {printed} new member organisations but {listed} are listed: "
                    f"the page shows the {listed} listed organisations and their computed count."
                )
        return groups, stated_count

    def board(self):
        if content.BOARD_UNNAMED_ENTRIES:
            self.problem(
                f"the board composition shows {content.BOARD_UNNAMED_ENTRIES} check mark with "
                "no name (before Jean R. Soublière): no mandate is created for it."
            )
        return content.BOARD

    # --- Communications ---------------------------------------------------------------------

    def social_networks(self):
        networks = []
        for network in content.SOCIAL_NETWORKS:
            gained, followers = network["followers_gained"], network["followers"]
            growth = Decimal(gained) / Decimal(followers - gained) * 100
            if rounded(growth) != network["printed_growth"]:
                self.problem(
                    f"{network['network']}: the growth is printed {network['printed_growth']} % "
                    f"but {gained} / ({followers} - {gained}) = {growth:.1f} %: the page shows "
                    "the computed growth."
                )
            networks.append(
                {key: value for key, value in network.items() if key != "printed_growth"}
            )
        return {"heading": "", "networks": networks, "source": "", "notes": []}

    # --- What the text does not say ---------------------------------------------------------

    def unstated(self):
        first, last = min(self.dates), max(self.dates)
        self.problem(
            "the text does not state the fiscal year's dates, so the cover says “Exercice "
            f"{content.FISCAL_YEAR_START.year}-{content.FISCAL_YEAR_END.year}”; "
            f"{content.FISCAL_YEAR_START.isoformat()} to {content.FISCAL_YEAR_END.isoformat()}, "
            f"inferred (the dated events run from {first.isoformat()} to {last.isoformat()}), "
            "only choose the year's board mandates and new members."
        )
        start, end = content.FISCAL_YEAR_START, content.FISCAL_YEAR_END
        outside = [date for date in self.dates if not start <= date <= end]
        if outside:
            self.problem(
                "dated events fall outside the inferred fiscal year: "
                + ", ".join(sorted({date.isoformat() for date in outside}))
            )
        for project in content.PROJECTS:
            if project["quote"] and not project["quote_attribution"]:
                self.problem(
                    f"the quote of the project “{project['title']}” is not attributed in the "
                    "text: it is shown without attribution."
                )
            if not project["funder"]:
                self.problem(
                    f"the project “{project['title']}” names its funding programme but not its "
                    "funder: the funder is left empty."
                )
        for title in content.TITLES_WITHOUT_CONTENT:
            self.problem(
                f"“{title}” is a title with nothing under it in the text (its content was a "
                "picture): the report does not show it."
            )
        for name in content.KEPT_AS_PUBLISHED:
            self.problem(f"kept as published: {name}.")


@transaction.atomic
def key_figures(figures):
    return {
        "heading": "",
        "figures": [{**figure, "previous_value": None, "note": None} for figure in figures],
        "source": "",
        "notes": [],
    }


def section(anchor, introduction=""):
    return (
        "section",
        {"heading": content.SECTIONS[anchor], "anchor": anchor, "introduction": introduction},
    )


class Command(BaseCommand):
    help = (
        "Load the demonstration 2021-2022 annual report in French and English "
        "(run load_demo_site first)."
    )

    def handle(self, *args, **options):
        french = Locale.objects.filter(language_code="fr").first()
        home = HomePage.objects.filter(locale=french).first() if french else None
        if home is None:
            raise CommandError(
                "There is no French home page: run `manage.py load_demo_site` first."
            )
        if ReportYearPage.objects.filter(locale=french, slug=content.REPORT["slug"]).exists():
            self.stdout.write("The 2021-2022 report already exists: nothing to load.")
            return
        english = ensure_locale("en")
        seed = SeedData()
        with transaction.atomic():
            people = self.load_people()
            new_members_count = self.load_members(seed, people, french, english)
            body = self.compose_body(seed, new_members_count)
            index = self.get_or_create_index(home)
            report = index.add_child(
                instance=ReportYearPage(
                    title=content.REPORT["title"],
                    slug=content.REPORT["slug"],
                    fiscal_year_start=content.FISCAL_YEAR_START,
                    fiscal_year_end=content.FISCAL_YEAR_END,
                    theme=content.REPORT["theme"],
                    general_assembly_date=content.REPORT["general_assembly_date"],
                    introduction=content.REPORT["introduction"],
                    body=body,
                )
            )
            report.save_revision().publish()
            children = self.add_messages(report, people) + self.add_projects(report)
            seed.unstated()
            pages = [report, *children]
            if not index.has_translation(english):
                pages.insert(0, index)
            for page in pages:
                self.translate(page, english)
        for problem in seed.problems:
            self.stdout.write(f"Seed data: {problem}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demonstration report created (fr, en): {report.title}, "
                f"{len(children)} message and project pages."
            )
        )

    # --- Members ----------------------------------------------------------------------------

    def load_people(self):
        people = {}
        for data in content.PEOPLE:
            person, _created = Person.objects.get_or_create(
                first_name=data["first_name"],
                last_name=data["last_name"],
                defaults={"honorific": data["honorific"]},
            )
            people[(person.first_name, person.last_name)] = person
        return people

    def load_members(self, seed, people, french, english):
        roles = {}
        for name, order in content.BOARD_ROLES:
            roles[name], _created = BoardRole.objects.get_or_create(
                name=name, locale=french, defaults={"sort_order": order}
            )
        categories = {}
        for name in content.MEMBERSHIP_CATEGORIES:
            categories[name], _created = MembershipCategory.objects.get_or_create(
                name=name, locale=french
            )
        for snippet in [*roles.values(), *categories.values()]:
            self.translate(snippet, english)
        for mandate in seed.board():
            BoardMandate.objects.get_or_create(
                person=people[mandate["person"]],
                fiscal_year_start=content.FISCAL_YEAR_START,
                defaults={
                    "role": roles[mandate["role"]],
                    "executive_committee": mandate["executive_committee"],
                    "member_category": categories.get(mandate.get("member_category")),
                },
            )
        groups, stated_count = seed.new_member_groups()
        for date, names in groups:
            meeting, _created = BoardMeeting.objects.get_or_create(date=date)
            for name in names:
                MemberOrganisation.objects.get_or_create(
                    name=name, defaults={"admitted_at": meeting}
                )
        return stated_count

    # --- Pages ------------------------------------------------------------------------------

    def get_or_create_index(self, home):
        index = ReportIndexPage.objects.child_of(home).first()
        if index is not None:
            return index.specific
        index = home.add_child(
            instance=ReportIndexPage(
                title=content.INDEX["title"],
                slug=content.INDEX["slug"],
                introduction=content.INDEX["introduction"],
                show_in_menus=True,
            )
        )
        index.save_revision().publish()
        return index

    def compose_body(self, seed, new_members_count):
        body = [
            section("introduction"),
            ("text", content.MISSION_AND_VISION),
            (
                "objectives",
                {
                    "heading": content.OBJECTIVES["heading"],
                    # Left empty, as an editor leaves a status the report does not give.
                    "objectives": [
                        {"text": text, "status": ""} for text in content.OBJECTIVES["objectives"]
                    ],
                },
            ),
            ("report_pages", {"heading": content.MESSAGES_HEADING, "page_type": "messages"}),
            section("conseil-administration"),
            ("text", content.ASSOCIATIVE_LIFE),
            ("board", {"heading": content.BOARD_HEADING, "show_member_category": True}),
            section("membrariat", content.NEW_MEMBERS_INTRODUCTION),
            (
                "new_members",
                {"heading": content.NEW_MEMBERS_HEADING, "stated_count": new_members_count},
            ),
            section("services-aux-membres"),
            ("key_figures", key_figures(content.SERVICE_FIGURES)),
            section("affaires-financieres"),
            ("text", content.FINANCIAL_INTRODUCTION),
            ("financial_table", seed.financial_table()),
            ("text", content.FINANCIAL_COMMENTARY),
            section("capital-humain"),
            ("key_figures", key_figures(content.HUMAN_CAPITAL_FIGURES)),
            ("text", content.HUMAN_CAPITAL_TEXT),
            ("text", content.TEAM_PROFILE),
            section("developpement-des-affaires"),
            ("ordered_list", seed.orientations()),
            ("timeline", seed.timeline()),
            ("report_pages", {"heading": content.PROJECTS_HEADING, "page_type": "projects"}),
            section("communications"),
            ("social_media", seed.social_networks()),
            ("text", content.COMMUNICATIONS_ACTIVITIES),
            section("nous-joindre"),
            ("contact_details", None),
        ]
        self.validate_body(body)
        return body

    def validate_body(self, body):
        """The checks an editor's save runs on each block, so the demo holds no invalid block."""
        stream_block = ReportYearPage._meta.get_field("body").stream_block
        try:
            stream_block.clean(stream_block.normalize(body))
        except ValidationError as error:
            raise CommandError(
                f"The report body does not pass its blocks' validation: {error}"
            ) from error

    def add_messages(self, report, people):
        pages = []
        for message in content.MESSAGES:
            page = report.add_child(
                instance=MessagePage(
                    title=message["title"],
                    slug=message["slug"],
                    author=people[message["author"]],
                    author_role=message["author_role"],
                    headline=message["headline"],
                    introduction=message["introduction"],
                    body=[("text", message["body"])],
                )
            )
            page.save_revision().publish()
            pages.append(page)
        return pages

    def add_projects(self, report):
        pages = []
        for project in content.PROJECTS:
            page = report.add_child(
                instance=ProjectPage(
                    title=project["title"],
                    slug=project["slug"],
                    funder=project["funder"],
                    programme=project["programme"],
                    introduction=project["introduction"],
                    summary=project["summary"],
                    activities=[("activity", text) for text in project["activities"]],
                    teams=[("team", team) for team in project["teams"]],
                    outcomes=[("outcome", text) for text in project["outcomes"]],
                    quote=project["quote"],
                    quote_attribution=project["quote_attribution"],
                )
            )
            page.save_revision().publish()
            pages.append(page)
        return pages

    def translate(self, instance, english):
        _translated, missing = publish_translation(instance, english, content.ENGLISH)
        for text in missing:
            self.stderr.write(f"No English translation for {text!r} in {instance}")
