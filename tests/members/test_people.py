import pytest
from django.utils import translation

from members.models import Person
from tests.factories import PersonFactory
from tests.html import page_html
from tests.members.helpers import add_url, edit_url, listing_url

pytestmark = pytest.mark.django_db


def person_form(**changes):
    return {"honorific": "mr", "first_name": "Yvan", "last_name": "Laurin", "photo": ""} | changes


def test_name_with_honorific_in_english():
    person = Person(honorific="mr", first_name="Yvan", last_name="Laurin")

    with translation.override("en"):
        assert person.name_with_honorific == "Mr. Yvan Laurin"
        assert Person(honorific="ms", first_name="Ann", last_name="Roy").name_with_honorific == (
            "Ms. Ann Roy"
        )


def test_name_with_honorific_in_french_uses_the_translated_honorific():
    # “M. Yvan Laurin” once the lead's catalogue translates “Mr.” as “M.”: assert the shape only.
    person = Person(honorific="mr", first_name="Yvan", last_name="Laurin")

    with translation.override("fr"):
        assert person.name_with_honorific == f"{translation.gettext('Mr.')} Yvan Laurin"


def test_a_person_without_honorific_is_named_plainly():
    person = Person(honorific="", first_name="Yvan", last_name="Laurin")

    assert person.name_with_honorific == "Yvan Laurin"
    assert str(person) == "Yvan Laurin"


def test_editor_creates_a_person(admin):
    response = admin.post(add_url("person"), person_form())

    assert response.status_code == 302
    person = Person.objects.get()
    assert (person.honorific, person.full_name) == ("mr", "Yvan Laurin")


def test_editor_corrects_a_person(admin):
    person = PersonFactory(first_name="Yvan", last_name="Lorin")

    response = admin.post(edit_url(person), person_form(honorific="", last_name="Laurin"))

    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.honorific, person.last_name) == ("", "Laurin")


def test_a_person_entered_twice_is_refused_with_a_message(admin):
    PersonFactory(first_name="Yvan", last_name="Laurin")

    response = admin.post(add_url("person"), person_form())

    assert response.status_code == 200
    assert "A person with this first and last name already exists" in page_html(response)
    assert Person.objects.count() == 1


def test_renaming_a_person_as_another_is_refused(admin):
    PersonFactory(first_name="Yvan", last_name="Laurin")
    other = PersonFactory(first_name="Ann", last_name="Roy")

    response = admin.post(edit_url(other), person_form())

    assert response.status_code == 200
    assert "already exists" in page_html(response)
    other.refresh_from_db()
    assert other.full_name == "Ann Roy"


def test_a_person_without_a_last_name_is_refused(admin):
    response = admin.post(add_url("person"), person_form(last_name=""))

    assert response.status_code == 200
    assert "This field is required." in page_html(response)
    assert not Person.objects.exists()


def test_people_are_listed_by_last_name_with_their_honorific(admin):
    PersonFactory(honorific="ms", first_name="Zoé", last_name="Tremblay")
    PersonFactory(honorific="mr", first_name="Yvan", last_name="Laurin")

    html = page_html(admin.get(listing_url("person")))

    assert html.index("Yvan Laurin") < html.index("Zoé Tremblay")
    assert "Ms." in html


@pytest.mark.parametrize("query", ["Laurin", "Yva", "yvan laurin"])
def test_people_are_found_by_their_names(admin, query):
    PersonFactory(first_name="Yvan", last_name="Laurin")
    PersonFactory(first_name="Zoé", last_name="Tremblay")

    html = page_html(admin.get(listing_url("person"), {"q": query}))

    assert "Yvan Laurin" in html
    assert "Zoé Tremblay" not in html


@pytest.mark.parametrize("query", ["mot " * 500, "a\x00b", "🙂" * 300, "' OR 1=1 --"])
def test_odd_searches_never_fail(admin, query):
    PersonFactory(first_name="Yvan", last_name="Laurin")

    assert admin.get(listing_url("person"), {"q": query}).status_code == 200


def test_a_photo_that_is_not_an_image_id_is_refused_not_a_server_error(admin):
    response = admin.post(add_url("person"), person_form(photo="abc"))

    assert response.status_code == 200
    assert not Person.objects.exists()
