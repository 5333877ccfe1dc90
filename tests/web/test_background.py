"""Tasks run in a thread of the web process (web/background.py), as the CDN purge is: the caller
goes on at once, learns how the task went when it waits for it, and is told when the queue is
full rather than kept waiting."""

import threading

import pytest
from django_tasks import TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist

from web.background import TaskNotQueued, ThreadBackend

release = threading.Event()
ran_in = []


@task()
def note_the_thread():
    ran_in.append(threading.get_ident())


@task()
def fail():
    raise RuntimeError("the CDN answered 503")


@task()
def wait_for_release():
    release.wait(timeout=30)


@pytest.fixture
def backend():
    release.clear()
    ran_in.clear()
    backend = ThreadBackend("test", {"OPTIONS": {"MAX_PENDING": 2}})
    yield backend
    release.set()
    assert backend.wait_until_idle(timeout=30)


def test_a_task_runs_in_another_thread_and_says_so(backend):
    result = backend.enqueue(note_the_thread, (), {})

    finished = backend.wait(result.id, timeout=30)

    assert finished.status == TaskResultStatus.SUCCESSFUL
    assert ran_in and ran_in[0] != threading.get_ident()
    assert backend.get_result(result.id).status == TaskResultStatus.SUCCESSFUL


def test_a_failed_task_tells_why(backend):
    result = backend.enqueue(fail, (), {})

    finished = backend.wait(result.id, timeout=30)

    assert finished.status == TaskResultStatus.FAILED
    assert finished.errors[0].exception_class is RuntimeError
    assert "the CDN answered 503" in finished.errors[0].traceback


def test_waiting_is_bounded(backend):
    result = backend.enqueue(wait_for_release, (), {})

    still = backend.wait(result.id, timeout=0.1)

    assert still.status in {TaskResultStatus.READY, TaskResultStatus.RUNNING}
    release.set()
    assert backend.wait(result.id, timeout=30).status == TaskResultStatus.SUCCESSFUL


def test_a_full_queue_refuses_the_task_at_once(backend):
    running = backend.enqueue(wait_for_release, (), {})
    while backend.get_result(running.id).status != TaskResultStatus.RUNNING:
        backend.wait(running.id, timeout=0.01)  # Until the thread has taken it, and waits.
    backend.enqueue(note_the_thread, (), {})
    backend.enqueue(note_the_thread, (), {})  # The queue holds two.

    with pytest.raises(TaskNotQueued):
        backend.enqueue(note_the_thread, (), {})

    release.set()
    assert backend.wait_until_idle(timeout=30)
    assert len(ran_in) == 2


def test_an_unknown_result_is_said_so(backend):
    with pytest.raises(TaskResultDoesNotExist):
        backend.get_result("no-such-task")


calls = []


@task()
def record(name):
    calls.append(name)


@pytest.fixture
def wagtail_backend():
    """The production options of the "default" alias (config/settings/base.py)."""
    calls.clear()
    release.clear()
    backend = ThreadBackend(
        "default-test",
        {
            "OPTIONS": {
                "AFTER_COMMIT": True,
                "COALESCE": True,
                "RUN_WHEN_FULL": True,
                "MAX_PENDING": 2,
            }
        },
    )
    yield backend
    release.set()
    assert backend.wait_until_idle(timeout=30)


@pytest.mark.django_db
def test_a_task_is_queued_once_its_transaction_commits(
    wagtail_backend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as committed:
        wagtail_backend.enqueue(record, ("index page 3",), {})
        assert wagtail_backend.wait_until_idle(timeout=30)
        assert calls == []

    for callback in committed:
        callback()
    assert wagtail_backend.wait_until_idle(timeout=30)
    assert calls == ["index page 3"]


@pytest.mark.django_db
def test_tasks_waiting_with_the_same_arguments_run_once(
    wagtail_backend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        wagtail_backend.enqueue(wait_for_release, (), {})  # Holds the thread.
    with django_capture_on_commit_callbacks(execute=True):
        for _save in range(6):
            wagtail_backend.enqueue(record, ("index page 3",), {})
    release.set()

    assert wagtail_backend.wait_until_idle(timeout=30)
    assert calls == ["index page 3"]


@pytest.mark.django_db
def test_a_task_queued_while_the_same_one_runs_runs_again(
    wagtail_backend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        wagtail_backend.enqueue(record, ("index page 3",), {})
    assert wagtail_backend.wait_until_idle(timeout=30)
    with django_capture_on_commit_callbacks(execute=True):
        wagtail_backend.enqueue(record, ("index page 3",), {})

    assert wagtail_backend.wait_until_idle(timeout=30)
    assert calls == ["index page 3", "index page 3"]


@pytest.mark.django_db
def test_a_full_queue_runs_wagtails_task_in_the_caller_rather_than_lose_it(
    wagtail_backend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        wagtail_backend.enqueue(wait_for_release, (), {})  # Running: holds the thread.
        wagtail_backend.enqueue(wait_for_release, (), {})
        wagtail_backend.enqueue(record, ("page 1",), {})
        wagtail_backend.enqueue(record, ("page 2",), {})

    # The queue (2) was full: run here, while the thread still waits.
    assert "page 2" in calls
    release.set()
    assert wagtail_backend.wait_until_idle(timeout=30)
    assert sorted(calls) == ["page 1", "page 2"]
