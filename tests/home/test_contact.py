import pytest
from django.core import mail

from home.models import ContactSubmission
from tests.html import page_html

pytestmark = pytest.mark.django_db

VALID_MESSAGE = {
    "name": "Marie Tremblay",
    "email": "marie@example.org",
    "phone": "418 555-0199",
    "subject": "Adhésion",
    "message": "Comment devenir membre?",
}


def test_valid_message_is_stored_and_emailed(client, public_site):
    response = client.post("/fr/nous-joindre/", VALID_MESSAGE)

    assert response.status_code == 302
    assert response["Location"] == "/fr/nous-joindre/?sent=1"
    submission = ContactSubmission.objects.get()
    assert submission.email == "marie@example.org"
    assert submission.language == "fr"
    assert submission.page_id == public_site["contact"].id
    assert len(mail.outbox) == 1
    assert "Adhésion" in mail.outbox[0].subject
    assert mail.outbox[0].reply_to == ["marie@example.org"]
    assert "Comment devenir membre?" in mail.outbox[0].body


def test_thank_you_message_after_sending(client, public_site):
    html = page_html(client.get("/en/contact-us/?sent=1"))

    assert 'role="status"' in html
    assert "your message has been sent" in html


def test_message_goes_to_the_email_of_the_site_settings(client, public_site):
    from home.models import SiteSettings

    SiteSettings.objects.update(email="info@example.org")

    client.post("/fr/nous-joindre/", VALID_MESSAGE)

    assert mail.outbox[0].to == ["info@example.org"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Please tell us your name."),
        ("email", "not-an-address", "This e-mail address is not valid"),
        ("email", "", "Please give an e-mail address"),
        ("message", "", "Please write your message."),
        ("subject", "", "Please give your message a subject."),
        ("phone", "12", "This phone number is not valid"),
        ("message", "x" * 6000, "Ensure this value has at most 5000 characters"),
    ],
)
def test_bad_input_is_shown_back_with_a_clear_message(client, public_site, field, value, message):
    response = client.post("/en/contact-us/", {**VALID_MESSAGE, field: value})

    html = page_html(response)
    assert response.status_code == 400
    assert message in html
    assert 'role="alert"' in html
    assert 'aria-invalid="true"' in html
    assert ContactSubmission.objects.count() == 0
    assert not mail.outbox


def test_bad_input_keeps_what_the_visitor_typed(client, public_site):
    html = page_html(client.post("/en/contact-us/", {**VALID_MESSAGE, "email": "nope"}))

    assert 'value="Marie Tremblay"' in html
    assert "Comment devenir membre?" in html


def test_error_messages_are_in_french_on_the_french_page(client, public_site):
    html = page_html(client.post("/fr/nous-joindre/", {**VALID_MESSAGE, "name": ""}))

    assert "Veuillez indiquer votre nom." in html


def test_robot_filling_the_hidden_field_is_not_stored(client, public_site):
    response = client.post("/fr/nous-joindre/", {**VALID_MESSAGE, "website": "http://spam"})

    assert response.status_code == 302
    assert ContactSubmission.objects.count() == 0
    assert not mail.outbox


def test_post_without_csrf_token_is_refused(public_site):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/fr/nous-joindre/", VALID_MESSAGE)

    assert response.status_code == 403
    assert ContactSubmission.objects.count() == 0


def test_markup_in_a_message_is_escaped_in_the_admin(superuser_client, public_site):
    client_message = {**VALID_MESSAGE, "subject": "<script>alert(1)</script>"}
    superuser_client.post("/fr/nous-joindre/", client_message)

    html = page_html(superuser_client.get("/admin/contact_messages/"))

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_editors_read_messages_but_cannot_add_or_rewrite_them(superuser_client, public_site):
    superuser_client.post("/fr/nous-joindre/", VALID_MESSAGE)
    submission = ContactSubmission.objects.get()

    assert superuser_client.get("/admin/contact_messages/").status_code == 200
    inspect = superuser_client.get(f"/admin/contact_messages/inspect/{submission.pk}/")
    assert inspect.status_code == 200
    assert "Comment devenir membre?" in page_html(inspect)
    assert superuser_client.get("/admin/contact_messages/new/").status_code in {302, 403}
    assert superuser_client.get(f"/admin/contact_messages/edit/{submission.pk}/").status_code in {
        302,
        403,
    }
