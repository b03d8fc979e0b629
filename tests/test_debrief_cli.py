"""`wargame debrief`: the after-action report of the example saves, checked as a user and
a browser would see it."""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from wargame.debrief import of_save
from wargame.saves import read

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "saves" / "twelve-months.json"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


def wargame(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "wargame", *args], capture_output=True,
                          text=True, cwd=cwd)


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "Chromium is needed for this test: .ci/run installs it (apt-get install chromium)"
    return found


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_the_report_of_an_example_has_every_turn_and_card(tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    result = wargame("debrief", str(EXAMPLE), "--format", fmt, "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text()
    if fmt == "json":
        data = json.loads(text)
        text = json.dumps(data, ensure_ascii=False)
    d = of_save(read(EXAMPLE))
    text = unescape(text)
    for t in d.turns:
        assert t.month in text
    assert d.cards_played
    for c in d.cards_played:
        assert c.title in text and c.question in text


def test_a_bad_save_is_one_clean_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "wargame-save"')
    result = wargame("debrief", str(bad))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and str(bad) in result.stderr


def test_the_html_report_opens_in_chromium_with_charts_and_timeline(tmp_path):
    report = tmp_path / "report.html"
    assert wargame("debrief", str(EXAMPLE), "--format", "html", "-o",
                   str(report)).returncode == 0
    browser = chromium()
    profile = tmp_path / "profile"
    dom = subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                          "--dump-dom", report.as_uri()], capture_output=True, text=True,
                         timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert dom.stdout.count("<svg") == 8
    assert 'id="timeline"' in dom.stdout and 'id="turn-12"' in dom.stdout
    shot = tmp_path / "report.png"
    result = subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                             f"--screenshot={shot}", "--window-size=1200,3000",
                             report.as_uri()], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1200, 3000)
    assert len(data) > 50_000  # charts and text, not a blank page


def test_a_class_summary_over_several_saves(tmp_path):
    saves = [ROOT / "saves" / n for n in ("twelve-months.json", "regime-falls.json",
                                          "twelve-months-branch-t6.json")]
    out = tmp_path / "class.html"
    result = wargame("debrief", *map(str, saves), "--format", "html", "-o", str(out))
    assert result.returncode == 0, result.stderr
    html = out.read_text()
    assert "3 games" in html and "Who won" in html and "<svg" in html
    mixed = wargame("debrief", str(saves[0]), str(ROOT / "saves" / "classroom.json"))
    assert mixed.returncode == 2 and "different scenarios" in mixed.stderr


MEASURE = """<script>
// Where each label of the timeline ends and the words beside it begin, as laid out.
const rows = [];
document.querySelectorAll(".turn").forEach(turn => {
  turn.querySelectorAll(".kind, th").forEach(label => {
    let value = label.nextSibling;
    while (value && value.nodeType === 3 && !value.textContent.trim()) {
      value = value.nextSibling;
    }
    const words = document.createRange();
    words.selectNodeContents(label);
    const said = document.createRange();
    said.selectNodeContents(value);
    rows.push({turn: turn.id, label: label.textContent,
               end: words.getBoundingClientRect().right,
               start: said.getClientRects()[0].left});
  });
});
const out = document.createElement("pre");
out.id = "measured";
out.textContent = JSON.stringify(rows);
document.body.appendChild(out);
</script>"""


def test_the_timeline_labels_stand_in_a_column_apart_from_what_they_label(tmp_path):
    """'◆ LukashenkoCovert mobilisation': the labels ran into the orders they named. Laid
    out by Chromium, every label ends before the words beside it with room between, and
    in each month those words start at one place (a column)."""
    report = tmp_path / "report.html"
    assert wargame("debrief", str(ROOT / "saves" / "edition2-uprising.json"), "--format",
                   "html", "-o", str(report)).returncode == 0
    page = tmp_path / "measured.html"
    page.write_text(report.read_text().replace("</body>", MEASURE + "</body>"))
    dom = subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'p'}",
                          "--window-size=1200,2400", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    measured = unescape(dom.stdout.split('<pre id="measured">')[1].split("</pre>")[0])
    rows = json.loads(measured)
    assert len(rows) > 50 and any(r["label"] == "◆ Lukashenko" for r in rows)
    for r in rows:
        assert r["start"] - r["end"] >= 8, r  # at least half a letter's room, always
    for turn in {r["turn"] for r in rows}:
        starts = {round(r["start"]) for r in rows if r["turn"] == turn}
        assert max(starts) - min(starts) <= 1, (turn, starts)


def test_the_html_debrief_shows_article_game_and_history_in_chromium(tmp_path):
    """The debrief of an edition-2 save, as the browser builds it: the section that sets
    the article, this game and what happened side by side, one table per outcome."""
    report = tmp_path / "report.html"
    assert wargame("debrief", str(ROOT / "saves" / "edition2-uprising.json"), "--format",
                   "html", "-o", str(report)).returncode == 0
    dom = subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'p'}",
                          "--dump-dom", report.as_uri()], capture_output=True, text=True,
                         timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    page = unescape(dom.stdout)
    assert '<h2 id="article-game-history">Article, game and history</h2>' in page
    part = page.split('id="article-game-history"')[1].split("<h2 ")[0]
    assert part.count('<table class="side-by-side">') == 6
    assert "The regime fell in June 2023" in part and "Lukashenko stayed in power" in part
