from django.core.management.base import BaseCommand

from readership import stores


class Command(BaseCommand):
    help = (
        "Move the readership counts kept in Redis (REDIS_URL) into the database now; the servers "
        "do it themselves every minute. Without Redis there is nothing to move."
    )

    def handle(self, *args, **options):
        moved = stores.move_redis_counts()
        self.stdout.write(f"{moved} readership counters moved from Redis into the database.")
