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
