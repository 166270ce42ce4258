"""Email drafts: a ``.eml`` file that opens, ready to send, in the clinic's mail program.

Why ``X-Unsent: 1``: Outlook opens such a file as a new message in compose mode
(Thunderbird and Apple Mail open it as a message that can be sent on with
"Edit as new"), so clinics without SMTP settings still email in two clicks.
"""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from handouts.deliver.write import write_atomically


def draft_path(pdf: Path) -> Path:
    """``jane-doe-2026-11-24.pdf`` → ``jane-doe-2026-11-24.eml`` beside it."""
    return pdf.with_suffix(".eml")


def write_draft(message: EmailMessage, path: Path, *, overwrite: bool = False) -> Path:
    """Write ``message`` as an unsent draft (CRLF line ends, as mail programs expect)."""
    del message["X-Unsent"]
    message["X-Unsent"] = "1"
    return write_atomically(path, message.as_bytes(policy=SMTP), overwrite=overwrite)
