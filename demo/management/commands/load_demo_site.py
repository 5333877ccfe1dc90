"""Load the demonstration public site (home, about, contact, organisation details) in French
and English, an administrator account and one editor of each role (Communications, Direction).
Safe to run again: it changes nothing that exists."""

import os
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page, Site
from wagtail.users.models import UserProfile

from demo import site_content as content
from editorial.localization import ensure_locale, publish_translation
from home.models import ContactPage, HomePage, SiteSettings, StandardPage

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD_DEFAULT = "consortium-demo"
# One editor of each role (groups created by report/migrations/0002_editorial_roles_and_workflow):
# (username, group, environment variable that chooses the password, default password, name).
DEMO_EDITORS = [
    (
        "communications",
        "Communications",
        "DEMO_COMMUNICATIONS_PASSWORD",
        "consortium-communications",
        ("Camille", "Communications"),
    ),
    (
        "direction",
        "Direction",
        "DEMO_DIRECTION_PASSWORD",
        "consortium-direction",
        ("Dominique", "Direction"),
    ),
]


class Command(BaseCommand):
    help = "Load the demonstration public site in French and English if the site has none."

    def handle(self, *args, **options):
        with transaction.atomic():
            french = ensure_locale("fr")
            home = HomePage.objects.filter(locale=french).first()
            if home is None:
                english = ensure_locale("en")
                self.create_site(self.create_home(french), english)
                self.stdout.write(self.style.SUCCESS("Demonstration site created (fr, en)."))
            else:
                self.stdout.write("The site already has a home page: nothing to load.")
            # From now on, new French pages get an English copy to translate (wagtail-localize).
            ensure_locale("en", sync_from=french)
            self.ensure_admin()
            self.ensure_editors()

    def create_site(self, home, english):
        about = home.add_child(
            instance=StandardPage(
                title=content.ABOUT["title"],
                slug=content.ABOUT["slug"],
                introduction=content.ABOUT["introduction"],
                show_in_menus=True,
                body=[("text", content.ABOUT["body_text"])],
            )
        )
        contact = home.add_child(
            instance=ContactPage(
                title=content.CONTACT["title"],
                slug=content.CONTACT["slug"],
                introduction=content.CONTACT["introduction"],
                thank_you_text=content.CONTACT["thank_you_text"],
                show_in_menus=True,
            )
        )
        home.body = [
            ("text", f"<p>{content.HOME['body_text']}</p>"),
            (
                "call_to_action",
                {
                    "heading": content.HOME["cta_heading"],
                    "text": content.HOME["cta_text"],
                    "link_label": content.HOME["cta_label"],
                    "page": contact,
                    "url": "",
                },
            ),
        ]
        for page in [home, about, contact]:
            page.save_revision().publish()
        SiteSettings.objects.update_or_create(
            site=Site.objects.get(is_default_site=True), defaults=content.SITE_SETTINGS
        )
        for page in [home, about, contact]:
            _translated, missing = publish_translation(page, english, content.ENGLISH)
            for text in missing:
                self.stderr.write(f"No English for {text!r} on {page.title!r}")

    def create_home(self, french):
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title=content.HOME["title"],
                slug=content.HOME["slug"],
                introduction=content.HOME["introduction"],
                locale=french,
            )
        )
        site = Site.objects.filter(is_default_site=True).first()
        welcome_page = site.root_page if site else None
        address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": address.hostname or "localhost",
                "port": address.port or (443 if address.scheme == "https" else 80),
                "root_page": home,
                "site_name": home.title,
            },
        )
        # The "Welcome to Wagtail" page that Wagtail's first migration creates.
        if welcome_page is not None and welcome_page.specific_class is Page:
            welcome_page.delete()
        return home

    def ensure_admin(self):
        user_model = get_user_model()
        if user_model.objects.exists():
            return
        password = os.environ.get("DEMO_ADMIN_PASSWORD", ADMIN_PASSWORD_DEFAULT)
        user_model.objects.create_superuser(ADMIN_USERNAME, "admin@example.org", password)
        self.stdout.write(
            self.style.SUCCESS(f"Administrator created: {ADMIN_USERNAME} / {password}")
        )

    def ensure_editors(self):
        """One user of each editorial role, whose admin is in French, unless they exist."""
        user_model = get_user_model()
        for username, group_name, password_variable, default_password, name in DEMO_EDITORS:
            if user_model.objects.filter(username=username).exists():
                continue
            group = Group.objects.filter(name=group_name).first()
            if group is None:
                self.stderr.write(f"No group {group_name!r}: run migrate first.")
                continue
            password = os.environ.get(password_variable, default_password)
            first_name, last_name = name
            user = user_model.objects.create_user(
                username,
                f"{username}@example.org",
                password,
                first_name=first_name,
                last_name=last_name,
            )
            user.groups.add(group)
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = "fr"
            profile.save(update_fields=["preferred_language"])
            self.stdout.write(
                self.style.SUCCESS(f"{group_name} editor created: {username} / {password}")
            )
