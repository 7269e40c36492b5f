"""A worker's torch threads: its share of the host's cores, counted from the workers registered on that host.

`python main.py up` starts several workers on one machine; each would otherwise take torch's default (every
physical core) and they would oversubscribe the cores several-fold. A fixed share, on the other hand, leaves a
worker that is alone on its host with one thread and idle cores (a 100,000-row free-text table ran slower with two
such workers than with one). So the share is counted again at the start of every job.
"""

from __future__ import annotations

import logging
import os
import socket

import torch
from redis import Redis

from piimask.settings import get_settings
from piimask.tables.jobs import workers_on_host

log = logging.getLogger("piimask.worker")

# This host's cores for the model, read at import, before anything changes torch's threads: torch's default (one
# per physical core), within the CPUs this process may run on.
HOST_THREADS = max(1, min(torch.get_num_threads(), len(os.sched_getaffinity(0))))


def threads_for(host_threads: int, workers: int) -> int:
    """A worker's share of its host's cores: all of them alone, an equal share beside others, never none."""
    return max(1, host_threads // max(1, workers))


def fit_threads_to_host(connection: Redis) -> int:
    """With PIIMASK_TORCH_THREADS=0, set this worker's torch threads to its share of the host (`threads_for`),
    counting the workers registered on this host now: called at the start of each table job, so a worker started
    or stopped beside it changes its share from its next job on. An explicit setting is left as it is."""
    settings = get_settings()
    if settings.torch_threads:
        return settings.torch_threads
    threads = threads_for(HOST_THREADS, workers_on_host(connection, socket.gethostname()))
    if threads != torch.get_num_threads():
        torch.set_num_threads(threads)  # this thread's pool: the jobs of a SimpleWorker all run on it
        log.info("torch threads: %d (%d cores on this host, shared by its workers)", threads, HOST_THREADS)
    return threads
