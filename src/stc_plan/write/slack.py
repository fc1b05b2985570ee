"""Posting a message to a Slack incoming webhook (``stc digest --post``), with slack_sdk's
``WebhookClient``: a timeout, retries on 429 (after Slack's Retry-After) and on 5xx as
Slack documents, and a refusal said in one line. The webhook's address is a secret: it is
never in a message."""

from __future__ import annotations

from typing import Any

from stc_plan.errors import StcError
from stc_plan.messages import Msg


class SlackRefused(StcError):
    """Slack did not take the message (or could not be reached); nothing was posted."""


def post(url: str, message: dict[str, Any], *, timeout: int = 10, retries: int = 2) -> None:
    """Send ``message`` (Block Kit: ``text`` and ``blocks``) to the webhook at ``url``."""
    from slack_sdk.http_retry.builtin_handlers import (
        ConnectionErrorRetryHandler,
        RateLimitErrorRetryHandler,
        ServerErrorRetryHandler,
    )
    from slack_sdk.webhook import WebhookClient

    client = WebhookClient(
        url,
        timeout=timeout,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=retries),
            RateLimitErrorRetryHandler(max_retry_count=retries),
            ServerErrorRetryHandler(max_retry_count=retries),
        ],
    )
    try:
        response = client.send(text=message.get("text"), blocks=message.get("blocks"))
    except Exception as exc:  # the network: a refused connection, a timeout, a bad address
        raise SlackRefused(Msg("slack.unreachable", reason=type(exc).__name__)) from None
    if response.status_code != 200:
        said = (response.body or "").strip().splitlines()[0][:80] if response.body else ""
        raise SlackRefused(Msg("slack.refused", status=response.status_code, body=said))
