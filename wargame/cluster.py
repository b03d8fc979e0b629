"""Where many independent pieces of work run: here, in local processes, or on a Dask
cluster. `simulate` and `review` hand their work here as `(function, items)`.

    for result in run_map(fn, items, jobs=2):            # local processes (fork)
    for result in run_map(fn, items, scheduler="tcp://…") # a Dask distributed cluster

Results come back in the order of `items`, whoever computed them, so a caller that
combines them in that order gets the same answer for any number of jobs and on any
cluster. `fn` and the items must be picklable (a module-level function, plain data):
the same code runs in a forked process, a spawned one or a Dask worker on another
machine. Dask is an optional extra (`pip install 'wargame[cluster]'`), imported only
when a scheduler is given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

CLUSTER_EXTRA = "pip install 'wargame[cluster]'"


class ClusterError(Exception):
    """The cluster cannot be used: Dask is missing, or the scheduler does not answer."""


def run_map(fn: Callable[[T], R], items: Sequence[T], jobs: int = 1,
            scheduler: str | None = None,
            initializer: Callable[..., Any] | None = None,
            initargs: tuple[Any, ...] = (), timeout: str = "20s") -> Iterator[R]:
    """`fn(item)` for every item, yielded in the order of `items`. With `scheduler`,
    on that Dask cluster (`jobs` is then ignored: the cluster has its own workers); else
    with `jobs` local processes (1: in this process). `initializer(*initargs)` runs once
    in each local worker process first (and here for one job); on a cluster `fn` must
    not rely on it. `timeout`: how long to wait for the scheduler to answer."""
    if scheduler:
        yield from _on_cluster(fn, items, scheduler, timeout)
        return
    if jobs <= 1 or len(items) <= 1:
        if initializer is not None:
            initializer(*initargs)
        for item in items:
            yield fn(item)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Forked where the platform can (fast to start), spawned elsewhere: the work is plain
    # data either way. The caller must not run threads of its own while this forks.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(min(jobs, len(items)), mp_context=context,
                             initializer=initializer, initargs=initargs) as pool:
        yield from pool.map(fn, items)


def _on_cluster(fn: Callable[[T], R], items: Sequence[T], scheduler: str,
                timeout: str) -> Iterator[R]:
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError(f"--scheduler needs Dask distributed: {CLUSTER_EXTRA}") from None
    try:
        client = Client(scheduler, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"the Dask scheduler at {scheduler} does not answer "
                           f"({exc})") from None
    try:
        # pure=False: two equal items are still two pieces of work (and their results
        # are kept in the order they were given, whichever worker finishes first).
        futures = client.map(fn, list(items), pure=False)
        for future in futures:
            yield future.result()
    finally:
        client.close()


__all__ = ["CLUSTER_EXTRA", "ClusterError", "run_map"]
