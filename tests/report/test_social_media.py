"""The social-media figures block: followers, growth computed from the year's gain, activity."""

from decimal import Decimal

import pytest

from report.blocks.figures import SocialMediaBlock, SocialNetworkFiguresBlock, follower_growth
from tests.report import (
    NBSP,
    clean_errors,
    list_form,
    messages,
    post,
    render,
    stored_list,
    translatable_strings,
)

LINKEDIN = {
    "network": "LinkedIn",
    "followers": 1230,
    "followers_gained": 450,
    "posts": 54,
    "unique_visitors": 1249,
    "ad_campaigns": None,
    "impressions": None,
}
FACEBOOK = {
    "network": "Facebook",
    "followers": 582,
    "followers_gained": 135,
    "posts": 150,
    "unique_visitors": None,
    "ad_campaigns": 2,
    "impressions": 5554,
}


def social_media(*networks, heading="Nos réseaux sociaux", notes=(), source=""):
    return SocialMediaBlock().to_python(
        {"heading": heading, "networks": list(networks), "source": source, "notes": list(notes)}
    )


# The names of the figures, as visitors read them in each language.
FIGURE_NAMES = {
    "en": {
        "followers": "Followers",
        "followers_gained": "New followers this year",
        "posts": "Posts",
        "unique_visitors": "Unique visitors",
    },
    "fr": {
        "followers": "Abonnés",
        "followers_gained": "Nouveaux abonnés cette année",
        "posts": "Publications",
        "unique_visitors": "Visiteurs uniques",
    },
}


def figure(label, value):
    return f'<div class="social-network__figure"> <dt>{label}</dt> <dd> {value} </dd> </div>'


@pytest.mark.parametrize(
    ("language", "followers", "growth", "visitors"),
    [
        ("fr", f"1{NBSP}230", f"+450 (croissance de +57,7{NBSP}%)", f"1{NBSP}249"),
        ("en", "1,230", "+450 (growth of +57.7%)", "1,249"),
    ],
)
def test_linkedin_figures_with_the_growth_computed(language, followers, growth, visitors):
    html = render(SocialMediaBlock(), social_media(LINKEDIN), language)
    names = FIGURE_NAMES[language]

    assert '<h4 class="social-network__name">LinkedIn</h4>' in html
    assert (
        '<div class="social-network__figure social-network__figure--main"> '
        f"<dt>{names['followers']}</dt> <dd> {followers} </dd> </div>"
    ) in html
    assert f"<dt>{names['followers_gained']}</dt> <dd> {growth} </dd>" in html
    assert figure(names["posts"], "54") in html
    assert figure(names["unique_visitors"], visitors) in html


def test_only_the_figures_a_network_gives_are_shown():
    html = render(SocialMediaBlock(), social_media(LINKEDIN, FACEBOOK), "fr")

    linkedin, facebook = html.split('<li class="social-network">')[1:]
    assert "Campagnes publicitaires" not in linkedin and "Impressions" not in linkedin
    assert "Visiteurs uniques" not in facebook
    assert figure("Campagnes publicitaires", "2") in facebook
    assert figure("Impressions", f"5{NBSP}554") in facebook
    # 135 / (582 - 135) = 30,2 %
    assert f"+135 (croissance de +30,2{NBSP}%)" in facebook


def test_network_names_are_headings_one_level_under_the_blocks():
    with_heading = render(SocialMediaBlock(), social_media(LINKEDIN), "fr")
    without_heading = render(SocialMediaBlock(), social_media(LINKEDIN, heading=""), "fr")

    assert '<h3 class="report-block__heading">Nos réseaux sociaux</h3>' in with_heading
    assert '<h3 class="social-network__name">LinkedIn</h3>' in without_heading
    assert "<h4" not in without_heading


def test_without_followers_gained_there_is_no_growth():
    html = render(SocialMediaBlock(), social_media({**LINKEDIN, "followers_gained": None}), "en")

    assert "New followers" not in html


def test_a_network_that_started_the_year_with_none_has_no_growth_percentage():
    network = {**LINKEDIN, "followers": 450, "followers_gained": 450}

    html = render(SocialMediaBlock(), social_media(network), "en")

    assert "<dt>New followers this year</dt> <dd> +450 </dd>" in html


@pytest.mark.parametrize(
    ("followers", "gained", "growth"),
    [
        (1230, 450, Decimal(450) / 780 * 100),
        (582, 135, Decimal(135) / 447 * 100),
        (10, 0, 0),
        (5, 5, None),
    ],
)
def test_growth_is_the_gain_over_the_followers_at_the_start_of_the_year(followers, gained, growth):
    result = follower_growth(followers, gained)

    assert result == growth


def test_more_followers_gained_than_followers_is_refused_naming_both_numbers():
    network = SocialNetworkFiguresBlock().to_python({**LINKEDIN, "followers_gained": 1500})

    error = clean_errors(SocialNetworkFiguresBlock(), network)

    assert messages(error.block_errors["followers_gained"]) == (
        "1,500 followers gained is more than the 1,230 followers at the end of the year: "
        "check both numbers."
    )


def test_the_message_uses_the_editors_language():
    network = SocialNetworkFiguresBlock().to_python({**LINKEDIN, "followers_gained": 1500})

    error = clean_errors(SocialNetworkFiguresBlock(), network, language="fr")

    assert f"1{NBSP}500" in messages(error.block_errors["followers_gained"], "fr")


def test_as_many_followers_gained_as_followers_is_accepted():
    network = SocialNetworkFiguresBlock().to_python({**LINKEDIN, "followers_gained": 1230})

    assert SocialNetworkFiguresBlock().clean(network)["followers_gained"] == 1230


def network_form(**changes):
    form = {key: "" if value is None else str(value) for key, value in LINKEDIN.items()}
    return {**form, **changes}


def social_media_form(*networks):
    return {
        "heading": "",
        "networks": list_form(list(networks)),
        "source": "",
        "notes": list_form([]),
    }


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("followers", "-1", "Ensure this value is greater than or equal to 0."),
        ("followers", "beaucoup", "Enter a whole number."),
        ("followers", "", "This field is required."),
        ("posts", "-3", "Ensure this value is greater than or equal to 0."),
        ("impressions", "12.5", "Enter a whole number."),
    ],
)
def test_an_editor_posting_wrong_counts_is_told_at_the_field(field, typed, message):
    error = post(SocialMediaBlock(), social_media_form(network_form(**{field: typed})))

    network_error = error.block_errors["networks"].block_errors[0]
    assert messages(network_error.block_errors[field]) == message


def test_an_editor_posting_the_networks_gets_them_back_as_numbers():
    value = post(SocialMediaBlock(), social_media_form(network_form()))

    assert value["networks"][0]["followers"] == 1230
    assert value["networks"][0]["impressions"] is None


def test_source_and_notes_come_last_and_networks_have_no_note_of_their_own():
    block = SocialMediaBlock()
    assert "note" not in block.child_blocks["networks"].child_block.child_blocks
    assert list(block.child_blocks)[-2:] == ["source", "notes"]


def test_source_and_notes_are_shown_under_the_figures():
    value = social_media(LINKEDIN, source="LinkedIn, 31 mars 2022", notes=["Pages vues."])

    html = render(SocialMediaBlock(), value, "fr", id="s1")

    assert "Source : LinkedIn, 31 mars 2022" in html
    assert '<li id="social-media-s1-note-1">Pages vues.</li>' in html
    assert html.index("social-network__figures") < html.index("report-source-notes")


def test_only_text_is_offered_for_translation():
    raw = {
        "heading": "Nos réseaux sociaux",
        "networks": stored_list([LINKEDIN, FACEBOOK]),
        "source": "Statistiques des réseaux",
        "notes": stored_list([]),
    }

    strings = translatable_strings(SocialMediaBlock(), raw)

    assert strings == ["Facebook", "LinkedIn", "Nos réseaux sociaux", "Statistiques des réseaux"]


def test_the_preview_shows_the_years_real_figures():
    block = SocialMediaBlock()

    html = render(block, block.get_preview_value(), "fr", page=None)

    assert f"<dd> 1{NBSP}230 </dd>" in html
    assert f"+450 (croissance de +57,7{NBSP}%)" in html
    assert f"<dd> 5{NBSP}554 </dd>" in html
    assert block.is_previewable
    assert block.meta.help_text and block.get_description() and block.meta.icon
    block.clean(block.get_preview_value())
