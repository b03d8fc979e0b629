"""The tracks of GAME.md: their names, bounds, groups and real-world units.

Tracks are structural: the consequence rules read them by name, so they are defined here
in code and a scenario only gives their starting values.
"""

from __future__ import annotations

from attrs import frozen

ROLES: tuple[str, ...] = ("lukashenko", "putin", "opposition")
"""The three playable roles, in the order used for every table and file."""

WORLD = "world"
DECK_OWNERS: tuple[str, ...] = (*ROLES, WORLD)

INITIATIVE: tuple[str, ...] = ("putin", "lukashenko", "opposition")
"""Resolution order: pressure, response, exploitation (GAME.md, turn step 3)."""

ROLE_NAMES = {
    "lukashenko": "Lukashenko",
    "putin": "Putin",
    "opposition": "Opposition",
    WORLD: "World",
}
ROLE_TITLES = {
    "lukashenko": "Lukashenko (the regime)",
    "putin": "Putin (the Kremlin)",
    "opposition": "The opposition",
    WORLD: "The world",
}
ROLE_SYMBOLS = {"lukashenko": "◆", "putin": "■", "opposition": "●", WORLD: "○"}

RESOURCE_OF = {"lukashenko": "capital", "putin": "leverage_points", "opposition": "reach"}
"""Each role pays for its cards from its own resource track."""


@frozen
class TrackDef:
    name: str
    label: str
    group: str
    lo: int
    hi: int
    unit: str = ""
    """'' for a 0-10 scale, '%' for a percentage, 'troops' or 'people' for head counts."""
    source: str = ""
    counter: bool = False
    """A per-turn counter: reset to zero at upkeep, not shown on the board."""

    def format(self, value: int) -> str:
        if self.unit == "%":
            return f"{value}%"
        if self.unit in ("troops", "people"):
            return f"{value:,}"
        if self.group == "resources":
            return str(value)
        if self.hi == 10:
            return f"{value}/10"
        return str(value)


TRACKS: tuple[TrackDef, ...] = (
    # Regime
    TrackDef("stability", "Stability", "regime", 0, 10, source="¶15, ¶23"),
    TrackDef("support", "Support for the war", "regime", 0, 100, "%", "¶22"),
    TrackDef("economy", "Economy", "regime", 0, 10, source="¶27"),
    TrackDef("sovereignty", "Sovereignty", "regime", 0, 10, source="¶16-17"),
    # Army
    TrackDef("regulars", "Regular troops", "army", 0, 200_000, "troops", "¶12"),
    TrackDef("staff", "Support staff and cadets", "army", 0, 100_000, "troops", "¶12"),
    TrackDef("reservists", "Mobilised reservists", "army", 0, 200_000, "troops", "¶11, ¶13"),
    TrackDef("readiness", "Readiness", "army", 0, 10, source="¶10, ¶12"),
    TrackDef("morale", "Morale", "army", 0, 10, source="¶18"),
    TrackDef("troops_minsk", "Troops in Minsk", "deployment", 0, 400_000, "troops", "¶23"),
    TrackDef("troops_border", "Troops at the border", "deployment", 0, 400_000, "troops", "¶23"),
    TrackDef("troops_ukraine", "Troops in Ukraine", "deployment", 0, 400_000, "troops", "¶1"),
    # The ladder
    TrackDef("involvement", "Involvement", "ladder", 0, 5, source="¶2-4, ¶9"),
    # Kremlin
    TrackDef("leverage", "Kremlin leverage", "kremlin", 0, 10, source="¶14-15"),
    TrackDef("strain", "Russian strain", "kremlin", 0, 10, source="¶19, ¶28"),
    # Opposition
    TrackDef("network", "Opposition network", "opposition", 0, 10, source="¶21, ¶25"),
    TrackDef("defections", "Defections", "opposition", 0, 10, source="¶25, ¶27"),
    TrackDef("unrest", "Unrest", "opposition", 0, 10, source="¶22-23"),
    TrackDef("volunteers", "Volunteers in Ukraine", "opposition", 0, 50_000, "people", "¶26"),
    # World
    TrackDef("sanctions", "Western sanctions", "world", 0, 10, source="¶27"),
    TrackDef("alert", "Ukrainian alert", "world", 0, 10, source="¶19-20"),
    # Each role's purse
    TrackDef("capital", "Political capital", "resources", 0, 20),
    TrackDef("leverage_points", "Kremlin credit", "resources", 0, 20),
    TrackDef("reach", "Reach", "resources", 0, 20),
    # Per-turn counters read by the consequence rules
    TrackDef("mobilised", "Mobilised this month", "counters", 0, 400_000, "troops", counter=True),
    TrackDef("deployed", "Deployed this month", "counters", 0, 400_000, "troops", counter=True),
    TrackDef("moscow_help", "Help asked of Moscow", "counters", 0, 10, counter=True),
)

TRACK_INDEX: dict[str, int] = {t.name: i for i, t in enumerate(TRACKS)}
TRACK_BY_NAME: dict[str, TrackDef] = {t.name: t for t in TRACKS}
TRACK_NAMES: tuple[str, ...] = tuple(t.name for t in TRACKS)
COUNTERS: tuple[int, ...] = tuple(i for i, t in enumerate(TRACKS) if t.counter)

LOCATIONS: dict[str, str] = {
    "minsk": "troops_minsk",
    "border": "troops_border",
    "ukraine": "troops_ukraine",
}
TROOP_TRACKS = frozenset({"regulars", "reservists", *LOCATIONS.values()})
"""Changed only through the troop primitives, which keep
minsk + border + ukraine == regulars + reservists."""

GROUPS: tuple[tuple[str, str], ...] = (
    ("regime", "Regime"),
    ("army", "Army"),
    ("deployment", "Where the troops stand"),
    ("ladder", "Involvement"),
    ("kremlin", "Kremlin"),
    ("opposition", "Opposition"),
    ("world", "World"),
    ("resources", "Resources"),
)

INVOLVEMENT_LADDER: tuple[tuple[str, str], ...] = (
    ("Springboard", "¶2"),
    ("Logistics and airfields", "¶3"),
    ("Joint regional group", "¶4, ¶9"),
    ("Troops massed at the border", "¶23"),
    ("Limited combat in Ukraine", "¶1"),
    ("Open war", "¶27"),
)


@frozen
class FlagDef:
    name: str
    label: str
    source: str = ""


FLAGS: tuple[FlagDef, ...] = (
    FlagDef("joint_group", "Joint regional group deployed", "¶4, ¶9"),
    FlagDef("annexation", "Four Ukrainian regions annexed by Russia", "¶7"),
    FlagDef("pre_war", "'Pre-war situation' declared", "¶9"),
    FlagDef("covert_mobilisation", "Covert mobilisation under way", "¶13"),
    FlagDef("mobilisation_exposed", "Covert mobilisation exposed", "¶13"),
    FlagDef("draft", "General draft announced", "¶22-23"),
    FlagDef("travel_ban", "Soldiers banned from travelling abroad", "¶13"),
    FlagDef("territorial_alert", "Territorial defence on combat alert", "¶11"),
    FlagDef("loyal_units", "Loyal units held in Minsk", "¶23"),
    FlagDef("garrison_thin", "Minsk garrison thin", "¶23"),
    FlagDef("joint_command", "Joint military command", "¶17"),
    FlagDef("union_attack", "Counter-offensive declared an attack on the union", "¶7-8"),
    FlagDef("airfield_strikes", "Strikes launched from Belarusian airfields", "¶2-3"),
    FlagDef("russian_forces", "Russian forces stationed for a new front", "¶19"),
    FlagDef("security_guarantee", "Kremlin security guarantee", "¶15"),
    FlagDef("moscow_asked_again", "Moscow has asked again after a refusal", "¶14-15"),
    FlagDef("border_fortified", "Ukraine has mined the border", "¶19"),
    FlagDef("transitional_cabinet", "United Transitional Cabinet formed", "¶25"),
    FlagDef("volunteer_network", "Volunteer network ready to rise", "¶25"),
    FlagDef("regime_fallen", "The regime has fallen", "¶1, ¶29"),
)
FLAG_BY_NAME: dict[str, FlagDef] = {f.name: f for f in FLAGS}

SPECIAL_NAMES: dict[str, str] = {
    "turn": "the current turn, from 1",
    "turns_left": "turns left after this one",
    "demands": "open Kremlin demands on the table",
    "garrison": "troops in Minsk, counting loyal units",
}
"""Names an expression may use besides tracks and flags."""
