"""The game in the terminal: a Textual app over a `Session` (see `app.py`).

Nothing heavy is imported here, so that `wargame` reaches its title screen fast."""
