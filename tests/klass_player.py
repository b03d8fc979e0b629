"""A scripted team of a class's table, in its own process (tests/test_klass.py): join
GAME as ROLE through the hosted API, give the first legal order each month, move the
game on as a joined screen does (never past the facilitator's pause), until it is over.

    python tests/klass_player.py GAME.sqlite ROLE
"""

from __future__ import annotations

import sys
import time

from wargame.engine import AUTOMATIC, ORDERS
from wargame.hosting import HostedSession


def main(path: str, role: str) -> int:
    with HostedSession.join(path, role) as session:
        print("joined", flush=True)
        while not session.over:
            session.refresh()
            state = session.state
            if state.phase in AUTOMATIC and not session.held:
                session.advance()
            elif state.phase == ORDERS and state.order_of(role) is None:
                session.apply(session.view(role).legal_orders()[0])
            else:
                time.sleep(0.02)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
