"""Factories for the site's pages and settings (test code only)."""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from wagtail.models import Locale

from home.models import ContactPage, HomePage, SiteSettings, StandardPage
from report.models import ReportIndexPage, ReportYearPage


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("a-long-test-password")

    class Meta:
        model = get_user_model()


class SuperUserFactory(UserFactory):
    is_staff = True
    is_superuser = True


def locale(language_code):
    return Locale.objects.get_or_create(language_code=language_code)[0]


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Consortium de ressources et d'expertises coopératives"
    slug = "accueil"
    introduction = "Le centre de services partagés de l'économie sociale."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = "À propos"
    introduction = "Qui nous sommes."
    show_in_menus = True
    body = factory.LazyFunction(lambda: [("text", "<p>Une coopérative de services partagés.</p>")])

    class Meta:
        model = StandardPage


class ContactPageFactory(wagtail_factories.PageFactory):
    title = "Nous joindre"
    slug = "nous-joindre"
    introduction = "Écrivez-nous."
    show_in_menus = True

    class Meta:
        model = ContactPage


class ReportIndexPageFactory(wagtail_factories.PageFactory):
    title = "Rapports annuels"
    slug = "rapports-annuels"

    class Meta:
        model = ReportIndexPage


class ReportYearPageFactory(wagtail_factories.PageFactory):
    title = "Rapport annuel 2021-2022"
    slug = factory.LazyAttribute(lambda page: f"rapport-{page.fiscal_year_start.year}")
    theme = "L’audace de s’adapter"
    fiscal_year_start = datetime.date(2021, 4, 1)
    fiscal_year_end = datetime.date(2022, 3, 31)
    general_assembly_date = datetime.date(2022, 10, 14)

    class Meta:
        model = ReportYearPage


class SiteSettingsFactory(factory.django.DjangoModelFactory):
    organisation_name = "Consortium de ressources et d'expertises coopératives"
    short_name = "Consortium"
    phone_local = "418 622-1001"
    phone_toll_free = "1 855 837-9142"
    opening_first_day = 0
    opening_last_day = 4
    opens_at = datetime.time(8, 30)
    closes_at = datetime.time(16, 30)

    class Meta:
        model = SiteSettings
        django_get_or_create = ["site"]


class PersonFactory(factory.django.DjangoModelFactory):
    honorific = "mr"
    first_name = factory.Sequence(lambda n: f"Prénom{n}")
    last_name = factory.Sequence(lambda n: f"Nom{n}")

    class Meta:
        model = "members.Person"


class MembershipCategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Catégorie {n}")
    locale = factory.LazyFunction(lambda: locale("fr"))

    class Meta:
        model = "members.MembershipCategory"


class BoardRoleFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Rôle {n}")
    sort_order = factory.Sequence(lambda n: n)
    locale = factory.LazyFunction(lambda: locale("fr"))

    class Meta:
        model = "members.BoardRole"


class BoardMeetingFactory(factory.django.DjangoModelFactory):
    date = factory.Sequence(lambda n: datetime.date(2021, 5, 1) + datetime.timedelta(days=30 * n))

    class Meta:
        model = "members.BoardMeeting"


class MemberOrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Coopérative {n}")
    admitted_at = factory.SubFactory(BoardMeetingFactory)
    category = factory.SubFactory(MembershipCategoryFactory)

    class Meta:
        model = "members.MemberOrganisation"


class BoardMandateFactory(factory.django.DjangoModelFactory):
    person = factory.SubFactory(PersonFactory)
    role = factory.SubFactory(BoardRoleFactory)
    executive_committee = False
    fiscal_year_start = datetime.date(2021, 4, 1)

    class Meta:
        model = "members.BoardMandate"
