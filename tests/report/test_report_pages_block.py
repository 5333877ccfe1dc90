import factory
import pytest
import wagtail_factories
from django.utils import translation

from report.blocks.people import ReportPagesBlock
from report.models import MessagePage, ProjectPage
from tests.factories import PersonFactory, ReportIndexPageFactory, ReportYearPageFactory


# Local factories: tests/factories.py has none for messages and projects yet.
class MessagePageFactory(wagtail_factories.PageFactory):
    title = "Le mot de la présidence"
    slug = factory.Sequence(lambda n: f"mot-{n}")
    author = factory.SubFactory(PersonFactory)
    author_role = "Président"
    headline = "Préparons aujourd’hui le monde de demain"
    introduction = "Un privilège et une fierté."
    body = factory.LazyFunction(lambda: [("text", "<p>Merci aux membres.</p>")])

    class Meta:
        model = MessagePage


class ProjectPageFactory(wagtail_factories.PageFactory):
    title = "Transformation numérique des entreprises collectives"
    slug = factory.Sequence(lambda n: f"projet-{n}")
    funder = "CQCM"
    introduction = "Accompagner le virage numérique."

    class Meta:
        model = ProjectPage


def render(raw, context, language):
    block = ReportPagesBlock()
    with translation.override(language):
        return " ".join(block.render(block.to_python(raw), context).split())


def messages(heading="Les mots de la présidence et de la direction"):
    return {"heading": heading, "page_type": "messages"}


def projects(heading="Projets structurants"):
    return {"heading": heading, "page_type": "projects"}


@pytest.fixture
def report(home_page):
    index = ReportIndexPageFactory(parent=home_page)
    return ReportYearPageFactory(parent=index)


@pytest.fixture
def context(report, rf):
    return {"page": report, "request": rf.get("/")}


@pytest.fixture
def president_message(report):
    person = PersonFactory(
        honorific="mr",
        first_name="Yvan",
        last_name="Laurin",
        photo=wagtail_factories.ImageFactory(title="Yvan Laurin"),
    )
    return MessagePageFactory(parent=report, author=person, slug="mot-de-la-presidence")


@pytest.fixture
def director_message(report):
    return MessagePageFactory(
        parent=report,
        title="Le mot de la direction générale",
        slug="mot-de-la-direction",
        author=PersonFactory(honorific="ms", first_name="Hélène", last_name="Simard"),
        author_role="Directrice générale",
        headline="L’audace de s’adapter",
    )


@pytest.fixture
def project(report):
    return ProjectPageFactory(parent=report, slug="transformation-numerique")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_message_cards_link_to_the_reports_messages_in_tree_order(
    context, president_message, director_message, project, language
):
    html = render(messages(), context, language)

    assert html.count('<li class="report-card">') == 2
    assert (
        '<a href="/fr/rapports-annuels/rapport-2021/mot-de-la-presidence/">'
        "Le mot de la présidence</a>"
    ) in html
    assert html.index("Le mot de la présidence") < html.index("Le mot de la direction générale")
    assert "Transformation numérique" not in html


def test_message_card_shows_headline_introduction_and_author(context, president_message):
    html = render(messages(), context, "en")

    assert '<p class="report-card__headline">Préparons aujourd’hui le monde de demain</p>' in html
    assert '<p class="report-card__introduction">Un privilège et une fierté.</p>' in html
    assert "Mr. Yvan Laurin" in html
    assert '<span class="report-card__role">Président</span>' in html


def test_message_card_shows_the_authors_photo_as_a_decorative_image(context, president_message):
    html = render(messages(), context, "fr")

    assert '<img alt="" class="report-card__portrait"' in html
    assert 'type="image/avif"' in html
    assert 'type="image/webp"' in html
    assert 'loading="lazy"' in html


def test_message_portrait_takes_precedence_over_the_photo(context, president_message):
    president_message.portrait = wagtail_factories.ImageFactory(title="Portrait officiel")
    president_message.save()

    html = render(messages(), context, "fr")

    rendition = president_message.portrait.get_rendition("fill-96x96|format-jpeg")
    assert f'src="{rendition.url}"' in html


def test_message_without_portrait_or_photo_has_no_image(context, director_message):
    assert "<img" not in render(messages(), context, "fr")


def test_a_lost_image_file_leaves_the_card_without_image(context, president_message):
    photo = president_message.author.photo
    photo.file.storage.delete(photo.file.name)

    html = render(messages(), context, "fr")

    assert "Le mot de la présidence" in html
    assert "<img" not in html


def test_draft_messages_are_left_out(context, president_message, report):
    MessagePageFactory(parent=report, title="Brouillon de message", live=False)

    html = render(messages(), context, "fr")

    assert "Brouillon de message" not in html


@pytest.mark.parametrize("language", ["fr", "en"])
def test_project_cards_show_introduction_and_funder(context, project, president_message, language):
    html = render(projects(), context, language)

    assert html.count('<li class="report-card">') == 1
    assert (
        '<a href="/fr/rapports-annuels/rapport-2021/transformation-numerique/">'
        "Transformation numérique des entreprises collectives</a>"
    ) in html
    assert "Accompagner le virage numérique." in html
    assert "Le mot de la présidence" not in html


def test_project_card_names_the_funder(context, project):
    assert "Funded by CQCM" in render(projects(), context, "en")


def test_cards_are_one_level_below_the_blocks_heading(context, project):
    with_heading = render(projects(), context, "fr")
    without_heading = render(projects(heading=""), context, "fr")

    assert '<h3 class="report-cards__heading">Projets structurants</h3>' in with_heading
    assert '<h4 class="report-card__title">' in with_heading
    assert '<h3 class="report-card__title">' in without_heading


@pytest.mark.parametrize(
    ("raw", "message"), [(messages(), "No message"), (projects(), "No strategic")]
)
def test_a_report_without_such_pages_says_so(context, raw, message):
    assert message in render(raw, context, "en")


def test_a_report_previewed_before_its_first_save_has_no_cards(rf, db):
    unsaved = ReportYearPageFactory.build()

    html = render(messages(), {"page": unsaved, "request": rf.get("/")}, "en")

    assert "No message is published in this report yet." in html


@pytest.mark.parametrize("count", [2, 5])
def test_message_cards_read_a_fixed_number_of_queries(
    context, report, django_assert_num_queries, count
):
    for index in range(count):
        photo = wagtail_factories.ImageFactory()
        portrait = wagtail_factories.ImageFactory() if index % 2 else None
        MessagePageFactory(parent=report, portrait=portrait, author=PersonFactory(photo=photo))
    block = ReportPagesBlock()
    value = block.to_python(messages())
    block.render(value, context)  # makes the renditions once, as the first visitor would
    # A later visitor's request loads the page afresh.
    context = dict(context, page=type(report).objects.get(pk=report.pk))

    # The messages with authors and images, then the portraits' and the photos' renditions.
    with django_assert_num_queries(3):
        html = block.render(value, context)

    assert html.count("<img") == count


@pytest.mark.parametrize("raw", [messages(), projects()])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_preview_explains_what_the_report_will_show(rf, raw, language):
    block = ReportPagesBlock()

    with translation.override(language):
        html = block.render(block.to_python(raw), {"request": rf.get("/")})

    assert 'class="block-placeholder"' in html
    assert block.get_description()


def test_preview_value_is_valid():
    block = ReportPagesBlock()

    assert block.clean(block.get_preview_value())["page_type"] == "messages"
