"""Edition 2 is a draft: its rules may change, but every change must bump its draft
revision, so that a save of the older draft is refused plainly ("played under draft 2 of
rules edition 2 and this game has draft 3") and not as a mystery divergence.

This test replays fixed games under edition 2 with 0.1's own decks (so that changing the
shipped decks, which saves embed, does not count as a rules change) and compares their
digests with those recorded for the current draft revision. When it fails:

- you changed edition 2's rules on purpose: bump `EDITIONS[2].draft` in
  `wargame/engine/editions.py`, then re-record with `python tests/test_edition2_draft.py`
  and regenerate the example saves (`python saves/make_examples.py`);
- you did not mean to: a change meant for later editions (or for words, which never enter
  a digest) has moved edition 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from wargame.decks import ruleset_from_data  # noqa: E402
from wargame.engine import EDITIONS, ROLES, digest, new_game, run  # noqa: E402
from wargame.engine.rng import derive_stream  # noqa: E402

RECORD = HERE / "golden" / "edition2-draft.json"
DECKS = HERE / "golden" / "edition1-decks.json"


def played() -> list[str]:
    decks = json.loads(DECKS.read_text())
    out = []
    for scenario in ("october-2022", "classroom"):
        rules = ruleset_from_data(decks[scenario], str(DECKS))
        for seed in range(1, 11):
            def player(role, seed=seed):
                rng = derive_stream(seed, f"draft:{role}")
                return lambda v: (lambda o: o[rng.below(len(o))])(v.legal_orders())
            state = run(rules, seed, {r: player(r) for r in ROLES},
                        state=new_game(rules, seed, edition=2))
            out.append(digest(state))
    return out


def test_edition_2_changes_only_with_its_draft_revision():
    recorded = json.loads(RECORD.read_text())
    draft = EDITIONS[2].draft
    assert recorded["draft"] == draft, (
        f"the draft revision is {draft} but the games were recorded for draft "
        f"{recorded['draft']}: re-record them with `python tests/test_edition2_draft.py`")
    assert played() == recorded["digests"], (
        f"edition 2's rules changed under draft {draft}: bump EDITIONS[2].draft, re-record "
        "(`python tests/test_edition2_draft.py`) and regenerate saves/edition2-*.json")


if __name__ == "__main__":
    RECORD.write_text(json.dumps({"draft": EDITIONS[2].draft, "digests": played()},
                                 indent=1) + "\n")
    print(f"recorded {RECORD} for draft {EDITIONS[2].draft}")
