from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import models
from django.db.models import prefetch_related_objects
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.search import index

from cms import fallback_language, publishing
from cms.requested_changes import RequestedChangesPanel
from cms.routing import route_by_url_path, routed_ancestors
from cms.visibility import public
from home.blocks import PageBodyBlock
from home.brand_colours import validate_brand_colour
from home.formatting import labelled, phone_href, time_of_day, weekday_name
from home.search import FOLDED_FIELD, folded_search_text

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """The organisation's identity and contact details, shown in every page's header and footer."""

    organisation_name = models.CharField(_("organisation name"), max_length=200)
    short_name = models.CharField(
        _("short name"), max_length=60, blank=True, help_text=_("Used where space is short.")
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    province = models.CharField(_("province"), max_length=60, blank=True, default="QC")
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    phone_local = models.CharField(
        _("local phone number"), max_length=30, blank=True, help_text=_("For example 418 622-1001.")
    )
    phone_toll_free = models.CharField(
        _("toll-free phone number"),
        max_length=30,
        blank=True,
        help_text=_("For example 1 855 837-9142."),
    )
    email = models.EmailField(
        _("e-mail address"),
        blank=True,
        help_text=_("Shown to visitors; messages from the contact form are sent here."),
    )
    opening_first_day = models.PositiveSmallIntegerField(
        _("open from"), choices=WEEKDAYS, null=True, blank=True
    )
    opening_last_day = models.PositiveSmallIntegerField(
        _("open until"), choices=WEEKDAYS, null=True, blank=True
    )
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    brand_colour = models.CharField(
        _("primary colour"),
        max_length=7,
        blank=True,
        default="#0b5d7a",
        validators=[validate_brand_colour],
        help_text=_(
            "Header, buttons, links and the report's cover, as #rrggbb (e.g. #0b5d7a), dark "
            "enough for white text on it. Empty: the site's blue."
        ),
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        blank=True,
        default="#b3401b",
        validators=[validate_brand_colour],
        help_text=_(
            "Section marks, quotes and cards, as #rrggbb (e.g. #b3401b), dark enough for white "
            "text on it. Empty: the site's rust red."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("short_name"),
                FieldPanel("logo"),
                FieldRowPanel([FieldPanel("brand_colour"), FieldPanel("accent_colour")]),
            ],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("province")]),
                FieldPanel("postal_code"),
            ],
            heading=_("Address"),
        ),
        MultiFieldPanel(
            [FieldPanel("phone_local"), FieldPanel("phone_toll_free"), FieldPanel("email")],
            heading=_("Phone and e-mail"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opening_first_day"), FieldPanel("opening_last_day")]),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
            ],
            heading=_("Opening hours"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("linkedin_url"),
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("youtube_url"),
            ],
            heading=_("Social networks"),
        ),
    ]

    class Meta:
        verbose_name = _("organisation details")

    def __str__(self):
        return self.organisation_name

    def clean(self):
        super().clean()
        hours = [self.opening_first_day, self.opening_last_day, self.opens_at, self.closes_at]
        if any(value is not None for value in hours) and None in hours:
            raise ValidationError(
                _("Give the first and last opening days and both times, or leave all four empty.")
            )
        if self.opens_at and self.closes_at and self.opens_at >= self.closes_at:
            raise ValidationError({"closes_at": _("Closing time must be after opening time.")})

    @property
    def display_name(self):
        return self.organisation_name or settings.WAGTAIL_SITE_NAME

    @property
    def phones(self):
        """(label, number, tel: link) for each phone number given."""
        numbers = [
            (_("Phone"), self.phone_local),
            (_("Toll-free"), self.phone_toll_free),
        ]
        return [(label, number, phone_href(number)) for label, number in numbers if number]

    @property
    def address_lines(self):
        city_line = " ".join(
            part
            for part in [f"{self.city} ({self.province})" if self.city else "", self.postal_code]
            if part
        )
        return [line for line in [self.street_address, city_line] if line]

    @property
    def opening_hours(self):
        """The opening hours in the visitor's language, or "" when none are set."""
        if self.opens_at is None or self.opening_first_day is None:
            return ""
        return _("%(first_day)s to %(last_day)s, %(opens)s to %(closes)s") % {
            "first_day": weekday_name(self.opening_first_day),
            "last_day": weekday_name(self.opening_last_day),
            "opens": time_of_day(self.opens_at),
            "closes": time_of_day(self.closes_at),
        }

    @property
    def social_links(self):
        links = [
            ("LinkedIn", self.linkedin_url),
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("YouTube", self.youtube_url),
        ]
        return [(name, url) for name, url in links if url]


class BasePage(Page):
    """What every public page shares: a short introduction, used for teasers and descriptions."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)

    # The approver's requested changes first, where the editor works (shown only then).
    content_panels = [RequestedChangesPanel(), *Page.content_panels]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField(FOLDED_FIELD),
    ]
    # The page's text without accents: "presidente" finds "présidente" on any database.
    search_text_folded = folded_search_text

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        """Wagtail's tester, with the one publishing gate of the site (cms/publishing.py)."""
        return publishing.GatedPagePermissionTester(user, self)

    def save(self, *args, **kwargs):
        publishing.check_save(self, kwargs.get("update_fields"))
        return super().save(*args, **kwargs)

    def publish(self, revision, user=None, skip_permission_checks=False, **kwargs):
        with publishing.checked_publication(self, user, skip_permission_checks):
            return super().publish(
                revision, user=user, skip_permission_checks=skip_permission_checks, **kwargs
            )

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        return fallback_language.mark_response(self, response)

    def route(self, request, path_components):
        """Wagtail's routing, reading the pages of a deeper address together (cms/routing.py)."""
        if len(path_components) > 1:
            result = route_by_url_path(self, request, path_components, BasePage.route)
            if result is not None:
                return result
        return super().route(request, path_components)

    def get_view_restrictions(self):
        """The same queryset for the whole life of this instance (one request when serving).

        Wagtail's serving hook reads it, then the report asks again whether it offers its
        downloads: the second read uses the first one's results instead of two more queries.
        """
        if "_view_restrictions" not in self.__dict__:
            self._view_restrictions = self.read_view_restrictions()
        return self._view_restrictions

    def read_view_restrictions(self):
        """Wagtail's: the restrictions of this page and its ancestors, the source page's for an
        alias. When the routing kept the ancestors and none is an alias (the root never is),
        they are the restrictions of the pages whose tree paths begin this page's: one query
        instead of Wagtail's two."""
        ancestors = routed_ancestors(self)
        if ancestors is None or any(page.alias_of_id for page in [self, *ancestors]):
            return super().get_view_restrictions()
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        return PageViewRestriction.objects.filter(page__path__in=paths)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        prefetch_images_of(self, request)
        return context

    def get_sitemap_urls(self, request=None):
        """Each page in the sitemap with the addresses of its translations (hreflang)."""
        urls = super().get_sitemap_urls(request)
        alternates = [
            {"lang_code": page.locale.language_code, "location": page.get_full_url(request)}
            for page in public(self.get_translations(inclusive=True).live())
        ]
        # Visitors whose language the site does not have read its default language.
        alternates += [
            {"lang_code": "x-default", "location": alternate["location"]}
            for alternate in alternates
            if alternate["lang_code"] == settings.LANGUAGE_CODE
        ]
        for url in urls:
            url["alternates"] = alternates
        return urls


class HomePage(BasePage):
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(PageBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("introduction"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.StandardPage", "home.ContactPage", "report.ReportIndexPage"]

    class Meta:
        verbose_name = _("home page")


class StandardPage(BasePage):
    body = StreamField(PageBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*BasePage.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class ContactPage(BasePage):
    """The organisation's contact details (from the site settings) and a contact form."""

    thank_you_text = RichTextField(
        _("thank-you message"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown after a visitor sends a message."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("introduction"),
        FieldPanel("thank_you_text"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("contact page")

    def serve(self, request, *args, **kwargs):
        from home.forms import ContactForm

        if request.method == "POST":
            form = ContactForm(request.POST)
            if form.is_valid():
                if not form.is_spam():
                    self.store_and_send(form, request)
                return redirect(f"{self.url}?sent=1")
        else:
            form = ContactForm()
        context = self.get_context(request, *args, **kwargs)
        context["form"] = form
        context["sent"] = request.method == "GET" and request.GET.get("sent") == "1"
        status = 400 if request.method == "POST" else 200
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def store_and_send(self, form, request):
        submission = form.save(commit=False)
        submission.page = self
        submission.language = translation.get_language() or ""
        submission.save()
        site_settings = SiteSettings.for_request(request)
        recipient = site_settings.email or settings.CONTACT_FALLBACK_EMAIL
        EmailMessage(
            subject=f"[{site_settings.display_name}] {submission.subject}",
            body=submission.as_email_text(),
            to=[recipient],
            reply_to=[submission.email],
        ).send(fail_silently=True)


class ContactSubmission(models.Model):
    """A message sent through the contact form, kept so that none is lost if e-mail fails."""

    page = models.ForeignKey(
        ContactPage,
        verbose_name=_("contact page"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail address"), max_length=254)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    subject = models.CharField(_("subject"), max_length=150)
    message = models.TextField(_("message"), max_length=5000)
    language = models.CharField(_("language"), max_length=10, blank=True)
    submitted_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-submitted_at"]

    def __str__(self):
        return labelled(self.name, self.subject)

    def as_email_text(self):
        lines = [
            labelled(_("Name"), self.name),
            labelled(_("E-mail address"), self.email),
            labelled(_("Phone"), self.phone or "-"),
            "",
            self.message,
        ]
        return "\n".join(lines)


def image_fields(model):
    image_model = get_image_model()
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is image_model
    ]


def prefetch_images_of(page, request):
    """The page's images (cover, hero, portrait) and the site's logo, each with all its
    renditions: two queries an image, however many sizes and formats its <picture>, the sharing
    tags and the header ask for."""
    lookups = [
        f"{name}__renditions" for name in image_fields(type(page)) if getattr(page, name + "_id")
    ]
    prefetch_related_objects([page], *lookups)
    if Site.find_for_request(request) is not None:
        site_settings = SiteSettings.for_request(request)  # The instance the templates read.
        if site_settings.logo_id:
            prefetch_related_objects([site_settings], "logo__renditions")


def localized_home_page(site, locale=None):
    """The site's home page in the given locale (the active one by default), if it exists."""
    locale = locale or Locale.get_active()
    home = site.root_page.get_translation_or_none(locale)
    return home if home is not None and home.live else None
