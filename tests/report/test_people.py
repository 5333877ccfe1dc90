import datetime

import pytest
from django.utils import translation
from wagtail.blocks.struct_block import StructBlockValidationError

from report.blocks.people import BoardCompositionBlock, NewMembersBlock
from tests.factories import (
    BoardMandateFactory,
    BoardMeetingFactory,
    BoardRoleFactory,
    MemberOrganisationFactory,
    MembershipCategoryFactory,
    PersonFactory,
    ReportIndexPageFactory,
    ReportYearPageFactory,
)

NEXT_YEAR = datetime.date(2022, 4, 1)


def render(block, raw, context, language):
    with translation.override(language):
        return " ".join(block.render(block.to_python(raw), context).split())


def board(show_member_category=True, heading="Conseil d'administration"):
    return {"heading": heading, "show_member_category": show_member_category}


@pytest.fixture
def page(home_page):
    index = ReportIndexPageFactory(parent=home_page)
    return ReportYearPageFactory(parent=index)


@pytest.fixture
def context(page, rf):
    return {"page": page, "request": rf.get("/")}


@pytest.fixture
def president(db):
    role = BoardRoleFactory(name="Président", sort_order=1)
    person = PersonFactory(honorific="mr", first_name="Yvan", last_name="Laurin")
    category = MembershipCategoryFactory(name="Membre de soutien")
    return BoardMandateFactory(
        person=person, role=role, member_category=category, executive_committee=True
    )


@pytest.fixture
def director(db):
    return BoardMandateFactory(
        role=BoardRoleFactory(name="Administratrice", sort_order=5),
        person=PersonFactory(honorific="ms", first_name="Hélène", last_name="Simard"),
    )


def translate_name(instance, english, name):
    """The English translation of a translatable snippet, as wagtail-localize would create it."""
    translated = instance.copy_for_translation(english)
    translated.name = name
    translated.save()
    return translated


# Board composition


@pytest.mark.parametrize("language", ["fr", "en"])
def test_board_lists_the_mandates_of_the_pages_year_by_role_order(
    context, president, director, language
):
    BoardMandateFactory(
        fiscal_year_start=NEXT_YEAR, person=PersonFactory(first_name="Future", last_name="Membre")
    )

    html = render(BoardCompositionBlock(), board(), context, language)

    assert '<h3 class="board__heading">Conseil d&#x27;administration</h3>' in html
    assert '<ul class="board__list">' in html
    assert html.count('<li class="board-member">') == 2
    assert html.index("Yvan Laurin") < html.index("Hélène Simard")
    assert "Future Membre" not in html


def test_board_shows_honorific_role_category_and_executive_committee(context, president):
    html = render(BoardCompositionBlock(), board(), context, "en")

    assert '<span class="board-member__name">Mr. Yvan Laurin</span>' in html
    assert '<span class="board-member__role">Président</span>' in html
    assert '<span class="board-member__category">Membre de soutien</span>' in html
    assert '<span class="board-member__executive">Executive committee</span>' in html


def test_board_marks_only_executive_committee_members(context, director):
    html = render(BoardCompositionBlock(), board(), context, "en")

    assert "Executive committee" not in html


def test_board_leaves_categories_out_unless_asked(context, president):
    html = render(BoardCompositionBlock(), board(show_member_category=False), context, "fr")

    assert "Membre de soutien" not in html
    assert "Yvan Laurin" in html


def test_board_roles_and_categories_are_in_the_visitors_language(context, president, english):
    translate_name(president.role, english, "President")
    translate_name(president.member_category, english, "Support member")

    french = render(BoardCompositionBlock(), board(), context, "fr")
    english_html = render(BoardCompositionBlock(), board(), context, "en")

    assert '<span class="board-member__role">Président</span>' in french
    assert '<span class="board-member__category">Membre de soutien</span>' in french
    assert '<span class="board-member__role">President</span>' in english_html
    assert '<span class="board-member__category">Support member</span>' in english_html


def test_an_untranslated_role_keeps_its_french_name_in_english(context, president, english):
    html = render(BoardCompositionBlock(), board(), context, "en")

    assert '<span class="board-member__role">Président</span>' in html


@pytest.mark.parametrize("mandates", [3, 10])
def test_board_reads_a_fixed_number_of_queries(
    context, english, django_assert_num_queries, mandates
):
    for _index in range(mandates):
        mandate = BoardMandateFactory(member_category=MembershipCategoryFactory())
        translate_name(mandate.role, english, "Director")
        translate_name(mandate.member_category, english, "Member")
    block = BoardCompositionBlock()
    value = block.to_python(board())

    # The mandates with their people, the roles in English, the categories in English.
    with translation.override("en"), django_assert_num_queries(3):
        html = block.render(value, context)

    assert html.count("Director") == mandates


def test_board_of_a_year_without_mandates_says_so(context):
    html = render(BoardCompositionBlock(), board(), context, "en")

    assert "No board member is recorded for this fiscal year." in html
    assert "<ul" not in html


@pytest.mark.parametrize("language", ["fr", "en"])
def test_board_preview_explains_what_the_report_will_show(rf, language):
    block = BoardCompositionBlock()

    with translation.override(language):
        html = block.render(block.get_preview_value(), {"request": rf.get("/")})

    assert 'class="block-placeholder"' in html
    assert "Conseil d&#x27;administration" in html
    assert block.get_description()


# New members


@pytest.fixture
def admissions(db):
    """Three meetings of 2021-2022 (entered out of order) and admissions around the year."""
    march = BoardMeetingFactory(date=datetime.date(2022, 3, 23))
    june = BoardMeetingFactory(date=datetime.date(2021, 6, 3))
    september = BoardMeetingFactory(date=datetime.date(2021, 9, 15))
    before_year = BoardMeetingFactory(date=datetime.date(2021, 3, 20))
    return {
        "june": [
            MemberOrganisationFactory(name="Coop de solidarité Santé", admitted_at=june),
            MemberOrganisationFactory(name="Caisse d'économie", admitted_at=june, city="Québec"),
        ],
        "september": [MemberOrganisationFactory(name="CDR Montérégie", admitted_at=september)],
        "march": [MemberOrganisationFactory(name="Mutuelle Est", admitted_at=march)],
        # Admitted at a March meeting of the year before, effective in April: counts this year.
        "effective_in_year": MemberOrganisationFactory(
            name="Coop Avril", admitted_at=before_year, date_admitted=datetime.date(2021, 4, 15)
        ),
        "without_meeting": MemberOrganisationFactory(
            name="Fédération Nord", admitted_at=None, date_admitted=datetime.date(2021, 11, 2)
        ),
        "before_year": MemberOrganisationFactory(name="Coop Mars", admitted_at=before_year),
        "after_year": MemberOrganisationFactory(
            name="Coop Juin 2022",
            admitted_at=BoardMeetingFactory(date=datetime.date(2022, 6, 2)),
        ),
    }


def new_members(stated_count=None, heading="Nouveaux membres"):
    return {"heading": heading, "stated_count": stated_count}


@pytest.mark.parametrize(
    ("language", "june", "march"),
    [("fr", "3 juin 2021", "23 mars 2022"), ("en", "June 3, 2021", "March 23, 2022")],
)
def test_new_members_are_grouped_by_meeting_in_date_order(
    context, admissions, language, june, march
):
    html = render(NewMembersBlock(), new_members(), context, language)

    assert f'<time datetime="2021-06-03">{june}</time>' in html
    assert f'<time datetime="2022-03-23">{march}</time>' in html
    meetings = ["2021-03-20", "2021-06-03", "2021-09-15", "2022-03-23"]
    positions = [html.index(f'<time datetime="{date}">') for date in meetings]
    assert positions == sorted(positions)
    assert (
        html.index("2021-06-03") < html.index("Caisse d&#x27;économie") < html.index("2021-09-15")
    )
    assert html.index("2022-03-23") < html.index("Mutuelle Est")


def test_new_members_counts_the_year_and_each_meeting(context, admissions):
    html = render(NewMembersBlock(), new_members(), context, "en")

    assert "6 new member organizations admitted during the year" in html
    assert '<p class="new-members__count"> 2 member organizations </p>' in html
    assert '<p class="new-members__count"> 1 member organization </p>' in html


def test_admission_date_decides_the_year_rather_than_the_meeting(context, admissions):
    html = render(NewMembersBlock(), new_members(), context, "fr")

    assert "Coop Avril" in html
    assert "Coop Mars" not in html
    assert "Coop Juin 2022" not in html


def test_members_admitted_outside_a_meeting_come_last(context, admissions):
    html = render(NewMembersBlock(), new_members(), context, "en")

    assert html.index("Mutuelle Est") < html.index("Admitted outside a board meeting")
    assert html.index("Admitted outside a board meeting") < html.index("Fédération Nord")


def test_meetings_are_one_level_below_the_blocks_heading(context, admissions):
    with_heading = render(NewMembersBlock(), new_members(), context, "fr")
    without_heading = render(NewMembersBlock(), new_members(heading=""), context, "fr")

    assert '<h3 class="new-members__heading">Nouveaux membres</h3>' in with_heading
    assert '<h4 class="new-members__meeting-name">' in with_heading
    assert "<h4" not in without_heading
    assert '<h3 class="new-members__meeting-name">' in without_heading


def test_city_is_shown_beside_the_member(context, admissions):
    html = render(NewMembersBlock(), new_members(), context, "fr")

    assert '<span class="new-members__city">(Québec)</span>' in html


def test_a_year_without_new_members_says_so(context):
    html = render(NewMembersBlock(), new_members(), context, "en")

    assert "No member organization was admitted during this fiscal year." in html


@pytest.mark.parametrize("members", [3, 10])
def test_new_members_read_one_query(context, django_assert_num_queries, members):
    meetings = [BoardMeetingFactory(date=datetime.date(2021, month, 10)) for month in (5, 9)]
    for index in range(members):
        MemberOrganisationFactory(admitted_at=meetings[index % 2])
    block = NewMembersBlock()
    value = block.to_python(new_members())

    with django_assert_num_queries(1):
        html = block.render(value, context)

    assert html.count("<li>") == members


def test_count_mismatch_names_both_numbers(page, admissions):
    block = NewMembersBlock()

    with translation.override("en"):
        error = block.count_mismatch(block.to_python(new_members(stated_count=7)), page)
        message = error.block_errors["stated_count"].messages[0]

    assert "7" in message
    assert "6 member organizations were admitted during the fiscal year 2021-2022" in message


@pytest.mark.parametrize("stated_count", [None, 6])
def test_count_mismatch_is_none_when_empty_or_equal(page, admissions, stated_count):
    block = NewMembersBlock()

    assert block.count_mismatch(block.to_python(new_members(stated_count)), page) is None


def test_stated_count_cannot_be_negative():
    block = NewMembersBlock()

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(new_members(stated_count=-1)))

    assert "stated_count" in error.value.block_errors


@pytest.mark.parametrize("language", ["fr", "en"])
def test_new_members_preview_explains_what_the_report_will_show(rf, language):
    block = NewMembersBlock()

    with translation.override(language):
        html = block.render(block.get_preview_value(), {"request": rf.get("/")})

    assert 'class="block-placeholder"' in html
    assert "Nouveaux membres" in html
    assert block.get_description()
