"""`stc digest`: the week in a few lines, as text, Markdown, JSON or a Slack message that no
plan or fact text can turn into a mention or a link."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.conftest import EXAMPLE, SHIPPED_PLAN

Invoke = Callable[..., Any]
ARGS = ["--plan", str(SHIPPED_PLAN), "--facts", str(EXAMPLE), "--as-of", "2025-09-30"]


def test_the_week_in_swedish(invoke: Invoke) -> None:
    out = invoke("digest", *ARGS).stdout.splitlines()  # Swedish unless asked
    assert out[0] == "Verksamhetsplan 2025: 2025-09-24 – 2025-09-30"
    assert "Registrerat: 1 aktivitet, 1 medlemsräkning" in out
    assert "- Höstmingel (exempel)" in out
    assert "1 mål bytte läge" in out
    assert "Behöver er nu: 19 mål" in out
    assert "- inaktuellt: 14 mål utan aktuell avstämning (stc status --only stale)" in out
    assert "- 2025-09-30 kvartalsrapport 2025-Q3" in out
    assert out[-1] == "Medlemmar: 707 av 730 per 2025-09-30, enligt takten 713,4 i dag: i riskzonen"
    two = invoke("digest", *ARGS, "--since", "2v", "-f", "json").stdout
    assert json.loads(two)["from"] == "2025-09-17"


def test_json_for_programs(invoke: Invoke) -> None:
    doc = json.loads(invoke("digest", *ARGS, "-f", "json").stdout)
    assert doc["recorded"] == {
        "activities": 1,
        "done": 0,
        "checkins": 0,
        "readings": 0,
        "members": 1,
    }
    assert doc["movements"] == [
        {"id": "medlemsaktiviteter", "before": "at-risk", "after": "on-track"}
    ]
    assert doc["needs_attention"][0] == {"id": "ny-i-c", "state": "overdue"}
    assert doc["members"] == {"count": 707, "target": 730, "state": "at-risk"}


def test_slack_message_is_escaped_and_within_limits(invoke: Invoke, tmp_path: Path) -> None:
    """A title that would ping the channel, link or format is shown as written; the message
    keeps to Slack's limits however many facts the week holds."""
    facts = tmp_path / "f.yaml"
    shutil.copy(EXAMPLE, facts)
    args = ["--plan", str(SHIPPED_PLAN), "--facts", str(facts)]
    hostile = "<!channel> & <https://evil.example|klicka> *fet* <@U123>"
    for i in range(40):
        done = invoke(
            "record",
            "activity",
            *args,
            "--kind",
            "workshop",
            "--title",
            f"{hostile} {i}",
            "--all-branches",
            "2025-09-29",
        )
        assert done.exit_code == 0, done.stderr
    msg = json.loads(invoke("digest", *args, "--as-of", "2025-09-30", "-f", "slack").stdout)
    assert len(msg["blocks"]) <= 50
    texts = [b["text"]["text"] for b in msg["blocks"]]
    assert all(len(x) <= 3000 for x in texts)
    everything = "\n".join(texts)
    assert (
        "<!channel>" not in everything and "<https://" not in everything and "<@U" not in everything
    )
    assert "&lt;!channel&gt; &amp; &lt;https://evil.example|klicka&gt;" in everything
    assert "… och 34 till" in everything  # a long list summed up between two items


def test_markdown_escapes_plan_text(invoke: Invoke) -> None:
    md = invoke("digest", *ARGS, "-f", "markdown").stdout
    assert md.startswith("# Verksamhetsplan 2025")
    assert "**Behöver er nu: 19 mål**" in md


def test_wrong_window_is_wrong_usage(invoke: Invoke) -> None:
    for bad in ("soon", "0d"):
        result = invoke("digest", *ARGS, "--since", bad)
        assert result.exit_code == 2
