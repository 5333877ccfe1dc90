"""One thread at a time on the live server's database.

With SQLite in memory, the live server's request threads and the test share one connection
(Django shares it across threads for an in-memory database). A test that writes (a copy of the
demonstration report, a comment) while the browser's last requests are still being answered
(an autosave, an editing session's ping) interleaves two transactions on that connection:
Django then finds it outside autocommit and outside any atomic block ("on_commit() cannot be
used in manual transaction management"). Requests are therefore answered one at a time, each
holding `DATABASE_LOCK` until its response is closed, and the tests touch the database only
inside `live_database`, which holds it too.
"""

import contextlib
import threading

DATABASE_LOCK = threading.RLock()


class ResponseHoldingTheLock:
    """A WSGI response that releases the lock once the server has closed it."""

    def __init__(self, response):
        self.response = response

    def __iter__(self):
        return iter(self.response)

    def close(self):
        try:
            if hasattr(self.response, "close"):
                self.response.close()
        finally:
            DATABASE_LOCK.release()


def serialise_requests(live_server):
    """Make the live server answer one request at a time, under `DATABASE_LOCK`."""
    httpd = live_server.thread.httpd
    application = httpd.get_app()

    def serialised(environ, start_response):
        DATABASE_LOCK.acquire()
        try:
            response = application(environ, start_response)
        except BaseException:
            DATABASE_LOCK.release()
            raise
        return ResponseHoldingTheLock(response)

    httpd.set_app(serialised)


@contextlib.contextmanager
def live_database(django_db_blocker):
    """Database access for a browser test, while no request is being answered."""
    with DATABASE_LOCK, django_db_blocker.unblock():
        yield
