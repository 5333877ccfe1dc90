"""A django-tasks backend that runs tasks in a thread of the web process, after the request's work.

Wagtail 8 queues its work through django-tasks, whose default backend runs each task at once,
inside the request that queues it. That is right for quick work, not for a call to another
service that may be slow or down: the purge of the CDN in front (web/cdn.py) would hold the
editor's publication for as long as the CDN takes. `TASKS["background"]`
(config/settings/base.py) names this backend for such tasks.

Each process has a queue of at most `MAX_PENDING` tasks (OPTIONS, 100 by default) and one thread
that runs them in order; `enqueue` refuses a task when the queue is full (`TaskNotQueued`: the
thread is stuck on a service that does not answer), so that the caller can say so.

Wagtail's own tasks (the search index and the reference index of a saved object) go to the
"default" alias, which in production is this backend with three more options
(config/settings/base.py): `AFTER_COMMIT` queues a task once the transaction that queued it has
committed (the task reads the object as saved; nothing is queued for a rolled-back save),
`COALESCE` does not queue a task already waiting with the same arguments (an approval saves the
report six times: its index is updated once, from the last save, which is what the task reads),
and `RUN_WHEN_FULL` runs a task in the caller when the queue is full, as the immediate backend
would, rather than lose it. Results are
kept in memory (the last `KEEP_RESULTS`) for `get_result`, and `wait` lets a caller wait a
bounded time for one. A process that stops waits up to `SHUTDOWN_WAIT_SECONDS` for its queue;
tasks still queued after that are lost, which a deployment with a task worker (django-tasks'
database backend) avoids by pointing the alias at it.
"""

import atexit
import dataclasses
import logging
import os
import queue
import threading
import time
from collections import OrderedDict

from django.db import connections, transaction
from django.utils import timezone
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import TaskError, TaskResult, TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist
from django_tasks.signals import task_enqueued, task_finished, task_started
from django_tasks.utils import get_exception_traceback, get_module_path, get_random_id

logger = logging.getLogger(__name__)

DEFAULT_MAX_PENDING = 100
KEEP_RESULTS = 200
SHUTDOWN_WAIT_SECONDS = 5
FINISHED = frozenset({TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED})


class TaskNotQueued(Exception):
    """The queue is full: the tasks before are still waiting for their thread."""


class ThreadBackend(BaseTaskBackend):
    supports_get_result = True

    def __init__(self, alias, params):
        super().__init__(alias, params)
        self.max_pending = int(self.options.get("MAX_PENDING", DEFAULT_MAX_PENDING))
        self.after_commit = bool(self.options.get("AFTER_COMMIT", False))
        self.coalesce = bool(self.options.get("COALESCE", False))
        self.run_when_full = bool(self.options.get("RUN_WHEN_FULL", False))
        self._waiting = {}  # (task, args, kwargs) -> id of a result queued and not started
        self.worker_id = get_random_id()
        self._results = OrderedDict()
        self._changed = threading.Condition()
        self._queue = None
        self._owner_pid = None

    # What callers use

    def enqueue(self, task, args, kwargs):
        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=timezone.now(),
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        if self.after_commit:
            # Queued or joined once committed; a task that joins another is forgotten, and its
            # result is that of the task it joined.
            transaction.on_commit(lambda: self._put(result), robust=True)
            return result
        return self._put(result)

    def _put(self, result):
        key = self._coalescing_key(result.task, result.args, result.kwargs)
        with self._changed:
            waiting = self._results.get(self._waiting.get(key))
            if waiting is not None and waiting.status == TaskResultStatus.READY:
                return waiting
            self._keep(result)
            try:
                self._running_queue().put_nowait(result.id)
            except queue.Full:
                del self._results[result.id]
                if not self.run_when_full:
                    raise TaskNotQueued(
                        f"{self.max_pending} tasks are already waiting in this process"
                    ) from None
                full = True
            else:
                full = False
                if key is not None:
                    self._waiting[key] = result.id
        if full:
            logger.warning("Task queue full: %s runs in the caller", result.task.name)
            result.task.call(*result.args, **result.kwargs)
            return result
        task_enqueued.send(type(self), task_result=result)
        return result

    def _coalescing_key(self, task, args, kwargs):
        if not self.coalesce:
            return None
        try:
            return (task.module_path, repr(args), repr(sorted(kwargs.items())))
        except TypeError:
            return None

    def get_result(self, result_id):
        with self._changed:
            try:
                return self._results[result_id]
            except KeyError:
                raise TaskResultDoesNotExist(result_id) from None

    def wait(self, result_id, timeout):
        """The task's result once it has finished, or as it stands after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                result = self._results.get(result_id)
                remaining = deadline - time.monotonic()
                if result is None or result.status in FINISHED or remaining <= 0:
                    break
                self._changed.wait(remaining)
        if result is None:
            raise TaskResultDoesNotExist(result_id)
        return result

    def wait_until_idle(self, timeout):
        """Whether every task queued in this process has finished within `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while self._queue is not None and self._queue.unfinished_tasks:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._changed.wait(remaining)
        return True

    # The thread

    def _running_queue(self):
        """This process's queue, its thread started on first use: a thread does not survive the
        fork of a server's worker, so a queue made before the fork is replaced after it."""
        if self._queue is None or self._owner_pid != os.getpid():
            self._queue = queue.Queue(maxsize=self.max_pending)
            self._owner_pid = os.getpid()
            threading.Thread(
                target=self._work, args=(self._queue,), name=f"tasks-{self.alias}", daemon=True
            ).start()
            atexit.register(self.wait_until_idle, SHUTDOWN_WAIT_SECONDS)
        return self._queue

    def _work(self, tasks):
        while True:
            result_id = tasks.get()
            try:
                self._run(result_id)
            except Exception:  # The thread must outlive any failure, or the queue would stop.
                logger.exception("Background task %s could not be run", result_id)
            finally:
                with self._changed:
                    tasks.task_done()
                    self._changed.notify_all()

    def _run(self, result_id):
        with self._changed:
            # From now on a new task with the same arguments must run again: this one may have
            # read the object before the save that queued it.
            self._waiting = {
                key: waiting for key, waiting in self._waiting.items() if waiting != result_id
            }
        started = timezone.now()
        result = self._update(
            result_id,
            status=TaskResultStatus.RUNNING,
            started_at=started,
            last_attempted_at=started,
            worker_ids=[self.worker_id],
        )
        task_started.send(type(self), task_result=result)
        try:
            result.task.call(*result.args, **result.kwargs)
        except Exception as error:
            error_record = TaskError(
                exception_class_path=get_module_path(type(error)),
                traceback=get_exception_traceback(error),
            )
            result = self._update(
                result_id,
                status=TaskResultStatus.FAILED,
                finished_at=timezone.now(),
                errors=[error_record],
            )
        else:
            result = self._update(
                result_id, status=TaskResultStatus.SUCCESSFUL, finished_at=timezone.now()
            )
        finally:
            # This thread's own connections, if the task used the database: none left open.
            connections.close_all()
        task_finished.send(type(self), task_result=result)

    def _update(self, result_id, **changes):
        with self._changed:
            result = dataclasses.replace(self._results[result_id], **changes)
            self._keep(result)
            self._changed.notify_all()
        return result

    def _keep(self, result):
        self._results[result.id] = result
        self._results.move_to_end(result.id)
        while len(self._results) > KEEP_RESULTS:
            self._results.popitem(last=False)
