import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from home.formatting import phone_href
from home.models import SiteSettings
from tests.html import page_html

pytestmark = pytest.mark.django_db


def test_phone_links_dial_the_full_number():
    assert phone_href("418 622-1001") == "tel:+14186221001"
    assert phone_href("1 855 837-9142") == "tel:+18558379142"


def test_opening_hours_follow_the_active_language(home_page):
    settings = SiteSettings.objects.get()

    with translation.override("fr"):
        assert (
            settings.opening_hours
            == "du lundi au vendredi, de 8\u00a0h\u00a030 à 16\u00a0h\u00a030"
        )
    with translation.override("en"):
        assert settings.opening_hours == "Monday to Friday, 8:30\u202fa.m. to 4:30\u202fp.m."


def test_opening_hours_must_be_complete_and_in_order(home_page):
    settings = SiteSettings.objects.get()
    settings.closes_at = None
    with pytest.raises(ValidationError):
        settings.clean()

    settings.closes_at = datetime.time(7, 0)
    with pytest.raises(ValidationError) as error:
        settings.clean()
    assert "closes_at" in error.value.message_dict


def test_settings_edited_in_the_admin_appear_in_the_footer(superuser_client, public_site):
    settings = SiteSettings.objects.get()
    url = f"/admin/settings/home/sitesettings/{settings.site_id}/"
    form = {
        "organisation_name": "Consortium de ressources et d'expertises coopératives",
        "short_name": "Consortium",
        "street_address": "",
        "city": "Québec",
        "province": "QC",
        "postal_code": "",
        "phone_local": "418 622-1001",
        "phone_toll_free": "1 855 837-9142",
        "email": "info@example.org",
        "opening_first_day": "0",
        "opening_last_day": "4",
        "opens_at": "08:30",
        "closes_at": "16:30",
        "linkedin_url": "https://www.linkedin.com/company/example",
        "facebook_url": "",
        "instagram_url": "",
        "youtube_url": "",
    }

    response = superuser_client.post(url, form)

    assert response.status_code == 302
    html = page_html(superuser_client.get("/en/about/"))
    assert '<a href="mailto:info@example.org">info@example.org</a>' in html
    assert '<a href="https://www.linkedin.com/company/example" rel="noopener">LinkedIn</a>' in html


def test_bad_settings_are_refused_with_a_message_and_nothing_lost(superuser_client, public_site):
    settings = SiteSettings.objects.get()
    url = f"/admin/settings/home/sitesettings/{settings.site_id}/"

    response = superuser_client.post(
        url,
        {
            "organisation_name": "",
            "email": "not-an-email",
            "opens_at": "not a time",
            "linkedin_url": "javascript:alert(1)",
        },
    )

    assert response.status_code == 200
    html = page_html(response)
    assert "error" in html
    settings.refresh_from_db()
    assert settings.organisation_name == "Consortium de ressources et d'expertises coopératives"
    assert settings.linkedin_url == ""
