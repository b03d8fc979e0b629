"""The article's causal claims as consequence rules, and the victory margins.

Each rule is a small named function over the scratch board. It returns what happened when
it fired, as data (the inputs that decided and the differences it made), or None. The
runner logs that with the rule's name, its ¶ citation and every track it changed, which is
how the debrief answers "why" (edition 1 words it at once, in `edition1.py`; from edition
2 on the words come from `wargame.telling`).
The numbers in `Tuning` are balance knobs; the structure is the article's argument.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from attrs import frozen

from .effects import Scratch, lose
from .expr import garrison
from .tracks import TRACK_INDEX


class Tuning:
    """Balance knobs of the consequence rules and income (see "Balance" in docs/design.md
    for how they were set). The class attributes are the defaults; a scenario may override
    any of them in its `[tuning]` table, and the ruleset carries the resolved values, so a
    save replays under the settings it was played with even after the defaults change."""

    BACKLASH_STEP = 5_000  # troops per step of backlash
    BACKLASH_UNREST_DIVISOR = 60  # unrest per step = (100 - support) / this, rounded up
    BACKLASH_DEFECTIONS_DIVISOR = 100
    CRUSHED_NETWORK = 2  # at or below this, civil society is too crushed to react at once
    GARRISON_THIN = 30_000
    ESCALATION_LEVEL = 3
    STRIKE_ALERT = 7
    STRIKE_BORDER_TROOPS = 10_000
    STRIKE_CHANCE_PER_ALERT = 20
    SANCTIONS_BITE = 7  # 6 in GAME.md; see "Balance" in docs/design.md
    SANCTIONS_SEVERE = 9
    WEAK_ECONOMY = 1  # 2 in GAME.md; see "Balance" in docs/design.md
    FRONT_BASE_CHANCE = 10
    FRONT_CHANCE_PER_POINT = 5  # per point of readiness + morale
    UPRISING_UNREST = 6
    UPRISING_DEFECTIONS = 4
    UPRISING_CHANCE_PER_POINT = 10
    UPRISING_MAX_CHANCE = 75
    DEMAND_EROSION_MAX = 2
    INCOME_BASE = 1  # every role's income before its track bonus
    INCOME_DIVISOR = 4  # +1 income per this many points of economy / leverage / network
    # (3 at first: every role hoarded; see "Balance" in docs/design.md)
    # Edition 2 only (see "Rules edition 2" in docs/design.md); edition 1 never reads them.
    BACKLASH_UNREST_PER = 300_000  # troops x per cent opposed, per point of unrest
    BACKLASH_DEFECTIONS_PER = 700_000  # ... per point of defections
    COVERT_DIVISOR = 2  # a covert call-up, until exposed, stirs this many times less
    RISING_UNREST = 6  # the streets can rise from this much unrest
    RISING_BASE = 9  # unrest + defections + network above this drives an uprising
    RISING_PER_POINT = 10  # per cent per point above the base
    RISING_GARRISON_FREE = 30_000  # troops in Minsk that cannot stop anything
    RISING_GARRISON_PER = 300  # troops in Minsk above that, per point of chance they take
    RISING_MAX = 75
    GUARANTEE = 15  # points of uprising chance a Kremlin security guarantee takes (¶15)
    VOLUNTEERS_PER_POINT = 1_500  # volunteers in Ukraine per point of uprising chance (¶26)
    VOLUNTEER_NETWORK = 10  # points a network built for the rising adds (¶25)
    PRE_WAR = 10  # points of opposition a declared 'pre-war situation' takes away (¶9)
    STAFF_PER_POINT = 2_000  # support staff per point of chance at the front (¶12)
    MINED_BORDER = 10  # points of chance at the front a mined border takes (¶19)
    MASSED = 5_000  # troops at the border that hold rung 3 (a strike costs some)
    WEAK_ECONOMY_2 = 0  # edition 2: only a ruined economy wears the regime down (¶27)
    GARRISON_THIN_2 = 40_000  # edition 2: most regulars serve outside the capital (¶23)
    OPEN_WAR = 12_000  # troops in Ukraine that make rung 5
    SANCTIONS_CEILING_AT_3 = 6  # troops massed: sanctions rise to 6 (below the bite); +2 a rung
    PURSE_CAP = 6  # no purse holds more after income: every month is a choice
    STRAIN_SQUEEZE = 8  # from this Russian strain on, the Kremlin earns one point less
    KREMLIN_BASE = 0  # the Kremlin's income before its leverage bonus (edition 1: INCOME_BASE)

    def __init__(self, **settings: int) -> None:
        defaults = self.defaults()
        for name, value in settings.items():
            if name not in defaults:
                raise ValueError(f"unknown tuning setting {name!r}")
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"tuning setting {name} must be a whole number")
            # The rules divide by these: a zero would fail in play, a negative mislead.
            divides = name.endswith(("_DIVISOR", "_PER", "_STEP"))
            if value < (1 if divides else 0):
                raise ValueError(f"tuning setting {name} must be at least "
                                 f"{1 if divides else 0}, not {value}")
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("tuning settings are fixed once a ruleset is built")

    @classmethod
    def defaults(cls) -> dict[str, int]:
        return {k: v for k, v in vars(cls).items() if k.isupper() and isinstance(v, int)}

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.defaults()}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tuning) and self.as_dict() == other.as_dict()

    def __repr__(self) -> str:
        changed = {k: v for k, v in self.as_dict().items() if v != self.defaults()[k]}
        return f"Tuning({', '.join(f'{k}={v}' for k, v in changed.items())})"


DEFAULT_TUNING = Tuning()


def tuning_of(ruleset: Any) -> Tuning:
    """The settings a ruleset is played under (the defaults when it carries none)."""
    try:  # (every rule asks, and the bots' forecasts run the rules very often)
        tuning = ruleset.tuning
    except AttributeError:
        return DEFAULT_TUNING
    return DEFAULT_TUNING if tuning is None else tuning


@frozen
class Rule:
    name: str
    title: str
    source: str
    summary: str
    fire: Callable[[Scratch], Fired]


Fired = dict[str, Any] | None
_MOBILISED, _DEPLOYED, _SUPPORT, _NETWORK = (
    TRACK_INDEX[n] for n in ("mobilised", "deployed", "support", "network"))
_INVOLVEMENT, _UKRAINE, _BORDER, _ALERT = (
    TRACK_INDEX[n] for n in ("involvement", "troops_ukraine", "troops_border", "alert"))
_SANCTIONS, _ECONOMY, _MOSCOW_HELP, _UNREST, _STABILITY = (
    TRACK_INDEX[n] for n in ("sanctions", "economy", "moscow_help", "unrest", "stability"))
_DEFECTIONS, _VOLUNTEERS = TRACK_INDEX["defections"], TRACK_INDEX["volunteers"]


def draft_backlash(s: Scratch) -> Fired:
    t = tuning_of(s.ruleset)
    load = s.get("mobilised") + s.get("deployed")
    if load <= 0:
        return None
    steps = -(-load // t.BACKLASH_STEP)
    opposed = 100 - s.get("support")
    unrest = -(-steps * opposed // t.BACKLASH_UNREST_DIVISOR)
    defections = steps * opposed // t.BACKLASH_DEFECTIONS_DIVISOR
    if "draft" in s.flags:
        unrest += 1
    damped = s.get("network") <= t.CRUSHED_NETWORK
    if damped:
        unrest //= 2
    du = s.add("unrest", unrest)
    dd = s.add("defections", defections)
    return {"load": load, "opposed": opposed, "unrest": du, "defections": dd,
            "damped": damped}


def thin_below(ruleset: object) -> int:
    """The garrison under which Minsk counts as thinly guarded, in this ruleset's edition."""
    t = tuning_of(ruleset)
    return t.GARRISON_THIN if getattr(ruleset, "edition", 1) < 2 else t.GARRISON_THIN_2


def thin_garrison(s: Scratch) -> Fired:
    strength = garrison(s)
    thin = strength < thin_below(s.ruleset)
    if thin and "garrison_thin" not in s.flags:
        s.set_flag("garrison_thin")
        s.add("stability", -1)
        return {"strength": strength, "thin": True}
    if not thin and "garrison_thin" in s.flags:
        s.set_flag("garrison_thin", False)
        return {"strength": strength, "thin": False}
    return None


def escalation(s: Scratch) -> Fired:
    t = tuning_of(s.ruleset)
    level = s.get("involvement")
    if level < t.ESCALATION_LEVEL:
        return None
    step = 2 if level >= 5 else 1
    ds = s.add("sanctions", step)
    da = s.add("alert", step)
    return {"level": level, "sanctions": ds, "alert": da}


def preemptive_strike(s: Scratch) -> Fired:
    t = tuning_of(s.ruleset)
    alert, border = s.tracks[_ALERT], s.tracks[_BORDER]
    if alert < t.STRIKE_ALERT or border < t.STRIKE_BORDER_TROOPS:
        return None
    chance = t.STRIKE_CHANCE_PER_ALERT * (alert - t.STRIKE_ALERT + 1)
    if not s.roll(chance, rule="preemptive_strike", source="¶20",
                  p={"alert": alert, "border": border}):
        return {"struck": False, "border": border}
    lost = lose(s, "troops_border", max(1_000, border // 10))
    s.add("economy", -1)
    s.add("stability", -1)
    s.add("morale", -1)
    return {"struck": True, "border": border, "lost": lost}


def sanctions_drain(s: Scratch) -> Fired:
    t = tuning_of(s.ruleset)
    sanctions = s.tracks[_SANCTIONS]
    if sanctions < t.SANCTIONS_BITE:
        return None
    drain = 2 if sanctions >= t.SANCTIONS_SEVERE else 1
    de = s.add("economy", -drain)
    if not de:
        return None
    return {"sanctions": sanctions, "economy": de}


def weak_economy(s: Scratch) -> Fired:
    t = tuning_of(s.ruleset)
    economy = s.tracks[_ECONOMY]
    edition2 = s.ruleset.edition >= 2
    if economy > (t.WEAK_ECONOMY_2 if edition2 else t.WEAK_ECONOMY):
        return None
    if edition2:  # a ruined economy sends people into the streets (¶27)
        du = s.add("unrest", 1)
        return {"economy": economy, "unrest": du} if du else None
    ds = s.add("stability", -1)
    if not ds:
        return None
    return {"economy": economy, "stability": ds}


def moscow_help(s: Scratch) -> Fired:
    if s.tracks[_MOSCOW_HELP] <= 0:
        return None
    ds = s.add("stability", 1)
    dl = s.add("leverage", 1)
    dr = s.add("strain", 1)
    return {"stability": ds, "leverage": dl, "strain": dr}


def front_line(s: Scratch) -> Fired:
    troops = s.tracks[_UKRAINE]
    if troops <= 0:
        return None
    t = tuning_of(s.ruleset)
    skill = s.get("readiness") + s.get("morale")
    chance = t.FRONT_BASE_CHANCE + t.FRONT_CHANCE_PER_POINT * skill
    if s.ruleset.edition >= 2:  # support staff keep units supplied (¶12); mines hold them
        chance += s.get("staff") // t.STAFF_PER_POINT  # up (¶19)
        if "border_fortified" in s.flags:
            chance -= t.MINED_BORDER
    if s.roll(chance, rule="front_line", source="¶18-19",
              p={"troops": troops, "readiness": s.get("readiness"),
                 "morale": s.get("morale")}):
        dr = s.add("strain", -1)
        dp = s.add("leverage_points", 1)
        return {"held": True, "troops": troops, "strain": dr, "leverage_points": dp}
    lost = lose(s, "troops_ukraine", max(1_000, troops // 10))
    dm = s.add("morale", -1)
    du = s.add("unrest", 1)
    return {"held": False, "troops": troops, "lost": lost, "morale": dm, "unrest": du}


def draft_backlash_2(s: Scratch) -> Fired:
    """Edition 2: backlash grows with every soldier and every point of opposition to the
    war (¶5, ¶22), so the pretext cards buy something; a covert call-up stirs less until
    it is exposed (¶13)."""
    tracks, flags = s.tracks, s.flags
    mobilised, deployed = tracks[_MOBILISED], tracks[_DEPLOYED]
    if mobilised + deployed <= 0:
        return None
    t = tuning_of(s.ruleset)
    covert = "covert_mobilisation" in flags and "mobilisation_exposed" not in flags
    load = (mobilised // t.COVERT_DIVISOR if covert else mobilised) + deployed
    # A declared 'pre-war situation' makes the threat look real to some (¶9).
    opposed = max(0, 100 - tracks[_SUPPORT] - (t.PRE_WAR if "pre_war" in flags else 0))
    weight = load * opposed
    unrest = (weight + t.BACKLASH_UNREST_PER // 2) // t.BACKLASH_UNREST_PER
    defections = weight // t.BACKLASH_DEFECTIONS_PER
    if "travel_ban" in flags:  # soldiers cannot slip abroad (¶13)
        defections //= 2
    if "draft" in flags:
        unrest += 1
    damped = tracks[_NETWORK] <= t.CRUSHED_NETWORK
    if damped:
        unrest //= 2
    du = s.add("unrest", unrest)
    dd = s.add("defections", defections)
    return {"load": load, "opposed": opposed, "unrest": du, "defections": dd,
            "damped": damped, "covert": covert}


def ladder(s: Scratch) -> Fired:
    """Edition 2: the ladder follows the troops, both ways (¶1, ¶23): troops in Ukraine
    are limited combat, 20,000 of them open war; 10,000 at the border are troops massed;
    when they come home, the ladder comes down with them."""
    t = tuning_of(s.ruleset)
    tracks = s.tracks
    level, ukraine, border = tracks[_INVOLVEMENT], tracks[_UKRAINE], tracks[_BORDER]
    target = level
    if ukraine >= t.OPEN_WAR:
        target = 5
    elif ukraine > 0:
        target = max(4, min(level, 4))
    elif level >= 4:
        target = 3 if border >= t.MASSED else 2
    if ukraine == 0 and target >= 3:
        target = 3 if border >= t.MASSED else min(target, 2)
    if ukraine == 0 and border >= t.MASSED and target < 3:
        target = 3  # troops massed at the border are rung 3, whatever a card said
    if "joint_group" in s.flags and target < 2:
        target = 2  # the joint regional group is rung 2 until it is stood down (¶4, ¶9)
    if target == level:
        return None
    s.set("involvement", target)
    return {"before": level, "after": target, "ukraine": ukraine, "border": border}


def escalation_2(s: Scratch) -> Fired:
    """Edition 2: sanctions follow escalation (¶27): each rung from 3 up tightens them
    more, and Ukraine's alert rises with troops massed or fighting (¶20)."""
    t = tuning_of(s.ruleset)
    level = s.tracks[_INVOLVEMENT]
    if level < t.ESCALATION_LEVEL:
        if "airfield_strikes" not in s.flags or s.tracks[_ALERT] >= t.STRIKE_ALERT - 1:
            return None
        # Strikes launched from Belarusian airfields keep Kyiv watching (¶2-3, ¶20).
        return {"level": level, "sanctions": 0, "alert": s.add("alert", 1),
                "airfields": True}
    step = level - t.ESCALATION_LEVEL + 1
    ceiling = t.SANCTIONS_CEILING_AT_3 + 2 * (step - 1)
    current = s.get("sanctions")
    ds = s.add("sanctions", max(0, min(step, ceiling - current)))
    da = s.add("alert", 1 if level == t.ESCALATION_LEVEL else 2)
    return {"level": level, "sanctions": ds, "alert": da, "ceiling": ceiling}


def rising_chance(env: Any) -> int:
    """Edition 2: the chance (per cent) that the streets topple the regime this month:
    unrest, defections and the opposition's network against the troops still in Minsk
    (¶21-25). A full garrison makes it hopeless; an army sent away makes it likely."""
    t = tuning_of(env.ruleset)
    tracks = env.tracks
    pressure = tracks[_UNREST] + tracks[_DEFECTIONS] + tracks[_NETWORK] - t.RISING_BASE
    held = max(0, garrison(env) - t.RISING_GARRISON_FREE) // max(1, t.RISING_GARRISON_PER)
    flags = env.flags
    if "security_guarantee" in flags:
        held += t.GUARANTEE
    # Volunteers back from Ukraine (¶26) and a network built for the rising (¶25).
    ready = tracks[_VOLUNTEERS] // max(1, t.VOLUNTEERS_PER_POINT)
    if "volunteer_network" in flags:
        ready += t.VOLUNTEER_NETWORK
    return max(0, min(t.RISING_MAX, t.RISING_PER_POINT * pressure + ready - held))


def uprising_2(s: Scratch) -> Fired:
    t = tuning_of(s.ruleset)
    unrest = s.tracks[_UNREST]
    if unrest < t.RISING_UNREST:
        return None
    chance = rising_chance(s)
    if chance <= 0:
        return None
    if s.roll(chance, rule="uprising", source="¶21-25, ¶28",
              p={"unrest": unrest, "defections": s.get("defections"),
                 "network": s.get("network"), "garrison": garrison(s)}):
        s.set_flag("regime_fallen")
        return {"fell": True, "chance": chance}
    du = s.add("unrest", -2)
    dn = s.add("network", -1)
    return {"fell": False, "chance": chance, "unrest": du, "network": dn}


def open_demands(s: Scratch) -> Fired:
    demands = s.demands
    if not demands:
        return None
    turn = s.turn
    waiting = [d for d in demands if d.turn < turn]
    if not waiting:
        return None
    t = tuning_of(s.ruleset)
    ds = s.add("stability", -min(len(waiting), t.DEMAND_EROSION_MAX))
    dp = s.add("leverage_points", 1)
    return {"demands": tuple(d.card for d in waiting), "stability": ds,
            "leverage_points": dp}


def uprising(s: Scratch) -> Fired:
    t = tuning_of(s.ruleset)
    unrest, defections = s.get("unrest"), s.get("defections")
    if (unrest < t.UPRISING_UNREST or defections < t.UPRISING_DEFECTIONS
            or "garrison_thin" not in s.flags):
        return None
    chance = min(t.UPRISING_MAX_CHANCE, t.UPRISING_CHANCE_PER_POINT * (
        unrest + defections - t.UPRISING_UNREST - t.UPRISING_DEFECTIONS + 1))
    if s.roll(chance, rule="uprising", source="¶23, ¶25, ¶28",
              p={"unrest": unrest, "defections": defections}):
        s.set_flag("regime_fallen")
        return {"fell": True}
    du = s.add("unrest", -2)
    dn = s.add("network", -1)
    return {"fell": False, "unrest": du, "network": dn}


def collapse(s: Scratch) -> Fired:
    if s.tracks[_STABILITY] > 0 or "regime_fallen" in s.flags:
        return None
    s.set_flag("regime_fallen")
    return {"stability": s.get("stability")}


RULES: tuple[Rule, ...] = (
    Rule("draft_backlash", "Backlash against mobilisation", "¶5, ¶21-23",
         "Troops called up or sent out raise unrest and defections, more so the less "
         "popular the war; a crushed civil society halves the first reaction.",
         draft_backlash),
    Rule("thin_garrison", "A thin garrison in Minsk", "¶23",
         "Troops sent to the border or into Ukraine leave Minsk thinly guarded.",
         thin_garrison),
    Rule("escalation", "Escalation invites sanctions and alert", "¶20, ¶27",
         "At involvement 3 or more the West tightens sanctions and Ukraine's alert rises.",
         escalation),
    Rule("preemptive_strike", "Pre-emptive strike", "¶20",
         "High Ukrainian alert and troops massed at the border risk a strike on "
         "Belarusian infrastructure.", preemptive_strike),
    Rule("sanctions_drain", "Sanctions drain the economy", "¶27",
         "Heavy sanctions shrink the economy every month.", sanctions_drain),
    Rule("weak_economy", "A weak economy drains stability", "¶27",
         "A struggling economy wears the regime's stability down.", weak_economy),
    Rule("moscow_help", "Moscow's help has a price", "¶15-16, ¶28",
         "Help from Moscow props up stability but raises the Kremlin's leverage and "
         "Russia's strain.", moscow_help),
    Rule("front_line", "Green troops at the front", "¶18-19",
         "Troops in Ukraine gain Putin something only as far as their readiness and "
         "morale allow; otherwise they bleed.", front_line),
    Rule("open_demands", "Open demands erode stability", "¶15-16",
         "Each Kremlin demand left unanswered costs stability every month.", open_demands),
    Rule("uprising", "Uprising", "¶23, ¶25, ¶28",
         "When unrest, defections and a thin garrison line up, a roll decides whether "
         "the regime falls.", uprising),
    Rule("collapse", "Collapse", "¶1, ¶29",
         "A regime whose stability reaches zero falls.", collapse),
)

_SAME = {r.name: r for r in RULES}
RULES_2: tuple[Rule, ...] = (
    Rule("draft_backlash", "Backlash against mobilisation", "¶5, ¶13, ¶21-23",
         "Troops called up or sent out raise unrest and defections in proportion to how "
         "many and how unpopular the war is; a covert call-up stirs half as much until it "
         "is exposed; a crushed civil society halves the first reaction.",
         draft_backlash_2),
    _SAME["thin_garrison"],
    Rule("ladder", "The ladder follows the troops", "¶1, ¶2-4, ¶23",
         "Troops in Ukraine mean limited combat (20,000 of them, open war); 10,000 at the "
         "border mean troops massed; when they come home the ladder comes down.", ladder),
    Rule("escalation", "Escalation invites sanctions and alert", "¶20, ¶27",
         "From involvement 3 the West tightens sanctions, more with each rung, and "
         "Ukraine's alert rises.", escalation_2),
    _SAME["preemptive_strike"],
    _SAME["sanctions_drain"],
    Rule("weak_economy", "A ruined economy fills the streets", "¶27",
         "An economy at zero sends people into the streets: unrest rises every month.",
         weak_economy),
    _SAME["moscow_help"],
    _SAME["front_line"],
    _SAME["open_demands"],
    Rule("uprising", "Uprising", "¶21-25, ¶28",
         "With unrest in the streets, defections and the opposition's network weigh "
         "against the troops still in Minsk: a roll decides whether the regime falls.",
         uprising_2),
    _SAME["collapse"],
)
"""The consequence rules of edition 2 (frozen with 0.2.0), in the order they run."""

_GARRISON = ("troops_minsk", "loyal_units", "russian_forces", "territorial_alert")
READS_2: dict[str, tuple[str, ...]] = {
    "draft_backlash": ("support", "network", "covert_mobilisation", "mobilisation_exposed",
                       "draft", "pre_war", "travel_ban"),
    "thin_garrison": (*_GARRISON, "garrison_thin"),
    "ladder": ("involvement", "troops_ukraine", "troops_border", "joint_group"),
    "escalation": ("involvement", "sanctions", "airfield_strikes", "alert"),
    "preemptive_strike": ("alert", "troops_border", "regulars"),
    "sanctions_drain": ("sanctions",),
    "weak_economy": ("economy",),
    "moscow_help": (),
    "front_line": ("troops_ukraine", "readiness", "morale", "staff", "border_fortified",
                   "regulars"),
    "open_demands": (),
    "uprising": ("unrest", "defections", "network", "volunteers", "volunteer_network",
                 "security_guarantee", *_GARRISON),
    "collapse": ("stability", "regime_fallen"),
}
"""What each edition-2 rule reads, so a test can check that every track and flag of the
board is read by something that happens in play (nothing on the board is decoration).
Casualties fall on reservists first and then on regulars, so the rules that kill troops
read the regulars."""

RULE_BY_NAME: dict[str, Rule] = {r.name: r for r in (*RULES, *RULES_2)}
"""Every rule by name (the newest edition's, where two editions share a name)."""
RULES_BY_EDITION: dict[int, tuple[Rule, ...]] = {1: RULES, 2: RULES_2}


def rules_of(ruleset: Any) -> tuple[Rule, ...]:
    """The consequence rules of the edition a ruleset is played under."""
    try:
        return RULES_BY_EDITION[ruleset.edition]
    except AttributeError:
        return RULES


def rule_named(ruleset: object, name: str) -> Rule:
    return next(r for r in rules_of(ruleset) if r.name == name)


def run_consequences(s: Scratch, rules: Sequence[Rule] = RULES) -> None:
    if s.quiet:  # nothing to log: the rules only move the board
        for rule in rules:
            rule.fire(s)
        return
    changes = s.changes
    changes.clear()
    for rule in rules:
        fired = rule.fire(s)
        if fired is not None:
            s.note("consequence", fired, rule=rule.name, source=rule.source,
                   changes=s.take_changes())
        elif changes:
            changes.clear()


# -- victory ------------------------------------------------------------------------

_I = TRACK_INDEX
FALLEN_MARGIN = 10


def war_aim(involvement: float, flags: frozenset[str] | set[str], edition: int = 1) -> float:
    """How far Putin's military road holds (0 or more: it does). Edition 1: involvement 4.
    Edition 2: Belarusian troops massed at the border already serve Moscow, tying down
    Kyiv's reserves (¶14, ¶19), so rung 3 is a marginal win and combat a clearer one: a
    little involvement is what Putin wants, and going further risks the regime (¶1, ¶29).
    (`flags` is for conditions a later edition may add.)"""
    return involvement - (3 if edition >= 2 else 4)


def margins(tracks: Sequence[int], flags: frozenset[str] | set[str],
            edition: int = 1) -> dict[str, int]:
    """Each role's victory margin under the rules of `edition`: 0 or more means its
    victory condition holds now (COIN-style; shown every turn, decisive at the end)."""
    stability = tracks[_I["stability"]]
    sovereignty = tracks[_I["sovereignty"]]
    involvement = tracks[_I["involvement"]]
    if "regime_fallen" in flags:
        return {"lukashenko": -FALLEN_MARGIN, "putin": -FALLEN_MARGIN,
                "opposition": FALLEN_MARGIN}
    return {
        "lukashenko": min(stability - 3, sovereignty - 3, 3 - involvement),
        "putin": min(max(int(war_aim(involvement, flags, edition)), 1 - sovereignty),
                     stability - 3),
        "opposition": tracks[_I["defections"]] + tracks[_I["network"]] - 12,
    }


GRADES: tuple[str, ...] = ("decisive_loss", "marginal_loss", "marginal_win", "decisive_win")
"""Result levels, worst first: a role's final margin graded (GAME.md, "graded results")."""
DECISIVE_WIN = 2
"""A win by this margin or more is decisive; below it, marginal."""
DECISIVE_LOSS = -3
"""A loss by this margin or worse is decisive (a fallen regime always is, for the regime
and the Kremlin); above it, marginal: "he survived and stayed out, but gave up some
sovereignty" is a marginal loss for Lukashenko, a question for the debrief."""


def grade(margin: int) -> str:
    """The result level of a final margin."""
    if margin >= DECISIVE_WIN:
        return "decisive_win"
    if margin >= 0:
        return "marginal_win"
    return "marginal_loss" if margin > DECISIVE_LOSS else "decisive_loss"


def grades(tracks: Sequence[int], flags: frozenset[str] | set[str],
           edition: int = 1) -> dict[str, str]:
    """Every role's result level from the board (decisive once the game is over)."""
    return {role: grade(m) for role, m in margins(tracks, flags, edition).items()}


VICTORY_TEXT = {
    "lukashenko": "at the end, stability ≥ 3, sovereignty ≥ 3 and involvement ≤ 3",
    "putin": "involvement ≥ 4 or sovereignty ≤ 1, with the regime standing (stability ≥ 3)",
    "opposition": "the regime falls, or at the end defections + network ≥ 12",
}
VICTORY_TEXT_2 = {
    **VICTORY_TEXT,
    "putin": "troops massed at the border (involvement ≥ 3) or sovereignty ≤ 1, with the "
             "regime standing (stability ≥ 3); combat (involvement 4 or more) wins by more",
}
"""Edition 2's victory conditions, in words (Putin's military road starts at rung 3)."""


def victory_text(role: str, edition: int = 1) -> str:
    return (VICTORY_TEXT_2 if edition >= 2 else VICTORY_TEXT)[role]


def income(tracks: Sequence[int], tuning: Tuning = DEFAULT_TUNING,
           edition: int = 1) -> dict[str, int]:
    """What each role earns at upkeep: a base, plus one per INCOME_DIVISOR points of its
    mainstay (the regime's economy, the Kremlin's leverage, the opposition's network).
    Edition 2: the Kremlin has no base income (a Russia at war has little to spare for
    Minsk, ¶19), and a strained Russia (¶19, ¶28) earns it one point less."""
    base, per = tuning.INCOME_BASE, max(tuning.INCOME_DIVISOR, 1)
    kremlin = (base if edition < 2 else tuning.KREMLIN_BASE) + tracks[_I["leverage"]] // per
    if edition >= 2 and tracks[_I["strain"]] >= tuning.STRAIN_SQUEEZE:
        kremlin = max(0, kremlin - 1)
    return {
        "capital": base + tracks[_I["economy"]] // per,
        "leverage_points": kremlin,
        "reach": base + tracks[_I["network"]] // per,
    }
