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
    assert max(len(line) for line in out) <= 80  # wrapped at spaces, as a terminal shows it
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
        assert result.stderr.startswith("stc: --since ska vara dagar eller veckor")


class _Slack:
    """A stand-in for Slack's webhook on this machine: answers with the statuses given, in
    turn, and records what it was sent."""

    def __init__(self, statuses: list[int]) -> None:
        import http.server
        import threading

        self.statuses = list(statuses)
        self.received: list[dict[str, Any]] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                size = int(self.headers.get("Content-Length", "0"))
                outer.received.append(json.loads(self.rfile.read(size)))
                status = outer.statuses.pop(0) if outer.statuses else 200
                self.send_response(status)
                if status == 429:
                    self.send_header("Retry-After", "0")
                self.end_headers()
                self.wfile.write(b"ok" if status == 200 else b"invalid_token")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/services/T0/B0/secret"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()


def test_post_sends_the_slack_message(invoke: Invoke) -> None:
    slack = _Slack([500, 429, 200])  # Slack's 5xx and rate limit are retried, as it asks
    try:
        result = invoke("digest", *ARGS, "--post", env={"SLACK_WEBHOOK_URL": slack.url})
    finally:
        slack.close()
    assert result.exit_code == 0, result.stderr
    assert len(slack.received) == 3
    sent = slack.received[-1]
    assert sent["blocks"][0]["type"] == "header" and "text" in sent
    assert "secret" not in result.stdout + result.stderr


def test_a_refusal_is_one_line_without_the_address(invoke: Invoke) -> None:
    slack = _Slack([403])
    try:
        result = invoke(
            "digest", *ARGS, "--post", "--lang", "en", env={"SLACK_WEBHOOK_URL": slack.url}
        )
    finally:
        slack.close()
    assert result.exit_code == 1
    assert result.stderr == (
        "stc: Slack refused the message (403 invalid_token); nothing was sent: check the webhook"
        " in SLACK_WEBHOOK_URL\n"
    )
    unset = invoke("digest", *ARGS, "--post", env={"SLACK_WEBHOOK_URL": ""})
    assert unset.exit_code == 2
    closed = invoke("digest", *ARGS, "--post", env={"SLACK_WEBHOOK_URL": "http://127.0.0.1:9/x"})
    assert closed.exit_code == 1 and "Slack gick inte att nå" in closed.stderr


def test_the_documented_weekly_workflow_posts(tmp_path: Path) -> None:
    """docs/ci.md's digest workflow: its step runs as written (the installed stc, a plan
    folder, the webhook here) and the channel gets the message."""
    import os
    import re
    import subprocess
    import sys

    import yaml

    from tests.conftest import ROOT

    blocks = re.findall(r"```yaml\n(.*?)```", (ROOT / "docs" / "ci.md").read_text(), re.S)
    flow = next(w for w in map(yaml.safe_load, blocks) if "digest" in w.get("jobs", {}))
    step = next(s for s in flow["jobs"]["digest"]["steps"] if "stc digest" in s.get("run", ""))
    (tmp_path / "plans").mkdir()
    shutil.copy(SHIPPED_PLAN, tmp_path / "plans" / "2025.yaml")
    shutil.copy(EXAMPLE, tmp_path / "plans" / "2025.progress.yaml")
    slack = _Slack([200])
    try:
        env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
        env.update(flow["jobs"]["digest"]["env"], SLACK_WEBHOOK_URL=slack.url)
        done = subprocess.run(
            ["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True, text=True
        )
    finally:
        slack.close()
    assert done.returncode == 0, done.stderr
    assert slack.received and slack.received[0]["blocks"][0]["type"] == "header"
