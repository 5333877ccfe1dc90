"""Privacy follows translations (cms/privacy.py) from now on; this gives the translations of a
page already private, before that rule, the same restriction, as setting it now would."""

from django.db import migrations


def copy_restrictions_to_translations(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    PageViewRestriction = apps.get_model("wagtailcore", "PageViewRestriction")
    restricted = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    for restriction in restricted.order_by("page__path"):
        translations = Page.objects.filter(translation_key=restriction.page.translation_key)
        unrestricted = translations.exclude(pk=restriction.page_id).filter(
            view_restrictions__isnull=True
        )
        for page in unrestricted:
            copy = PageViewRestriction.objects.create(
                page=page,
                restriction_type=restriction.restriction_type,
                password=restriction.password,
            )
            copy.groups.set(restriction.groups.all())


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_site_settings_brand_colours"),
    ]

    operations = [
        migrations.RunPython(copy_restrictions_to_translations, migrations.RunPython.noop),
    ]
