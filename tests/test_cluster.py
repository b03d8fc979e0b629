"""`--scheduler`: simulations and reviews on a Dask distributed cluster give the same
results as one job (issue 16). A LocalCluster with two workers stands for the cluster."""

from __future__ import annotations

import pytest

from wargame.review import review_file
from wargame.review.render import render
from wargame.simulate import simulate

distributed = pytest.importorskip("distributed")


def _same(sim) -> dict:
    data = sim.to_data()
    for key in ("jobs", "seconds", "games_per_second"):
        data.pop(key)
    return data


def test_simulate_and_review_on_a_dask_cluster_match_one_job(deckset, tmp_path):
    from test_review import play

    classroom = deckset.ruleset("classroom")
    path = play(classroom, tmp_path, blunder=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        bots = {"lukashenko": "normal", "putin": "easy", "opposition": "normal"}
        here = simulate(classroom, 12, 5, bots, jobs=1)
        there = simulate(classroom, 12, 5, bots, scheduler=address)
        assert _same(there) == _same(here)
        one = review_file(path, budget=2, jobs=1, use_cache=False)
        seen: list[int] = []
        on_cluster = review_file(path, budget=2, scheduler=address, use_cache=False,
                                 progress=lambda done, total: seen.append(done))
        assert render(on_cluster, "json") == render(one, "json")
        assert seen and seen[-1] > 0


def test_a_scheduler_that_does_not_answer_is_a_clear_error(deckset):
    from wargame.cluster import ClusterError, run_map

    with pytest.raises(ClusterError, match="does not answer"):
        list(run_map(abs, [1], scheduler="tcp://127.0.0.1:9", timeout="1s"))
