"""Edition 2 is frozen: 0.2.0 released it as its draft 6, and its rules never change
again. This test replays fixed games under edition 2 with 0.1's own decks (so that
changing the shipped decks, which saves embed, does not count as a rules change) and
compares their digests with those recorded for draft 6, the revision released.

When it fails, a change meant for a later edition (or for words, which never enter a
digest) has moved edition 2: write the new behaviour for edition 3 instead (see
"Editions" in docs/design.md). The record is never written again (`python
tests/test_edition2_draft.py` refuses once the edition is frozen).
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


def test_edition_2_is_frozen_as_its_last_draft():
    released = EDITIONS[2]
    assert released.frozen and released.released == "0.2.0" and released.last_draft == 6
    recorded = json.loads(RECORD.read_text())
    assert recorded["draft"] == released.last_draft, (
        f"the games were recorded for draft {recorded['draft']}, and edition 2 was "
        f"released as draft {released.last_draft}")
    assert played() == recorded["digests"], (
        "edition 2's rules changed, and it is frozen: write the change for a later "
        "edition (see 'Editions' in docs/design.md)")


def record() -> int:
    if EDITIONS[2].frozen:
        print(f"edition 2 is frozen (released with {EDITIONS[2].released}): its record "
              f"{RECORD} is never written again", file=sys.stderr)
        return 1
    RECORD.write_text(json.dumps({"draft": EDITIONS[2].draft, "digests": played()},
                                 indent=1) + "\n")
    print(f"recorded {RECORD} for draft {EDITIONS[2].draft}")
    return 0


if __name__ == "__main__":
    sys.exit(record())
