"""The review in the replay viewer: beside each sealed order, its chance of winning and
the best order on the table (`wargame.review`), read from the cache beside the save or
computed in a worker thread with a progress bar.

The worker never touches a widget: it posts `ReviewStep` and `ReviewDone` (or
`ReviewFailed`) to the screen, whose handlers (`ReviewHost` below, mixed into the
replay screen) own the bar and the review."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.message import Message
from textual.widgets import ProgressBar

from wargame.review import DEFAULT_BUDGET, cached_review, review_file
from wargame.review.analysis import interval, pct, points
from wargame.saves import SaveError

if TYPE_CHECKING:
    from wargame.review import Review
    from wargame.review.analysis import Reviewed


class ReviewStep(Message):
    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class ReviewDone(Message):
    def __init__(self, review: Review) -> None:
        super().__init__()
        self.review = review


class ReviewFailed(Message):
    def __init__(self, problem: str) -> None:
        super().__init__()
        self.problem = problem


VERDICT_STYLE = {"best": "$success", "as good": "$text-muted", "inaccuracy": "$warning",
                 "mistake": "$warning", "blunder": "$error"}


def order_review(r: Reviewed) -> Content:
    """One order's review in a line: its chance of winning with the interval, the best
    order on the table when it is another, and the verdict."""
    given, best = r.estimates[r.given], r.estimates[r.best]
    parts: list[Any] = [("◇ review: ", "bold"), (r.verdict, f"bold {VERDICT_STYLE[r.verdict]}"),
                        f" · {pct(given.win)} to win ({interval(*given.win_interval)})"]
    if r.best != r.given:
        cites = f" {best.cites}" if best.cites else ""
        parts.append(f"; best on the table ‘{best.title}’{cites} {pct(best.win)}, "
                     f"{points(r.gap)} points more")
    return Content.assemble(*parts)


def compute(screen: Any, path: Path, budget: int | None) -> None:
    """The worker's body (a thread): review the save, posting progress to `screen`."""
    def step(done: int, total: int) -> None:
        screen.post_message(ReviewStep(done, total))

    try:
        # One job: a thread of a running app must not fork worker processes.
        rv = review_file(path, budget or DEFAULT_BUDGET, jobs=1, progress=step)
    except (SaveError, OSError, ValueError) as exc:
        screen.post_message(ReviewFailed(str(exc)))
        return
    screen.post_message(ReviewDone(rv))


class ReviewHost:
    """What the replay screen needs for the review (a mixin: it is a Textual screen)."""

    review: Review | None = None
    review_budget: int | None = None
    """The budget to compute with (None: the default); tests make it small."""

    def review_of(self, turn: int, role: str) -> Reviewed | None:
        if self.review is None:
            return None
        for r in self.review.reviews:
            if r.decision.turn == turn and r.decision.role == role:
                return r
        return None

    def load_cached_review(self) -> None:
        """The review kept beside the save, if there is one (nothing is computed)."""
        path = self._review_path()
        if path is None:
            return
        try:
            self.review = cached_review(path)
        except (SaveError, OSError, ValueError):
            self.review = None

    def _review_path(self) -> Path | None:
        session: Any = getattr(self, "session", None)
        path = getattr(session, "path", None)
        return path if path is not None and getattr(session, "over", False) else None

    def start_review(self) -> None:
        screen: Any = self
        if self.review is not None:
            screen.notify("The review is beside every order (◇).", title="Review")
            return
        path = self._review_path()
        if path is None:
            screen.notify("A game is reviewed once it is over and saved.",
                          title="No review yet", severity="warning")
            return
        if screen.query("#review-progress"):
            return  # already running
        bar = ProgressBar(total=None, show_eta=False, id="review-progress")
        screen.mount(bar, before=screen.query_one("#margins"))
        screen.run_worker(lambda: compute(screen, path, self.review_budget), thread=True,
                          group="review", exclusive=True, name="review")

    def on_review_step(self, message: ReviewStep) -> None:
        screen: Any = self
        for bar in screen.query("#review-progress").results(ProgressBar):
            bar.update(total=message.total, progress=message.done)

    def on_review_done(self, message: ReviewDone) -> None:
        screen: Any = self
        self.review = message.review
        screen.query("#review-progress").remove()
        mistakes = sum(1 for r in message.review.reviews if r.is_mistake)
        screen.notify(f"{len(message.review.reviews)} orders reviewed, {mistakes} "
                      "clearly worse than the best on the table.", title="Review")
        screen._show_story()

    def on_review_failed(self, message: ReviewFailed) -> None:
        screen: Any = self
        screen.query("#review-progress").remove()
        screen.notify(message.problem, title="Cannot review", severity="error", timeout=8)


__all__ = ["ReviewDone", "ReviewFailed", "ReviewHost", "ReviewStep", "compute",
           "order_review"]
