from django.core.management.base import BaseCommand

from readership import retention


class Command(BaseCommand):
    help = (
        "Roll the daily readership counts older than READERSHIP_RETENTION_MONTHS into monthly "
        "totals (the same totals; run it daily, running it again changes nothing)."
    )

    def handle(self, *args, **options):
        rolled, months = retention.roll_up()
        self.stdout.write(
            f"{rolled} daily counts before {retention.first_kept_day()} rolled into "
            f"{months} monthly counts."
        )
