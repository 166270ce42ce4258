"""Send a handout that is already made (``handouts send``), through the same checks."""

from __future__ import annotations

from pathlib import Path

from handouts.deliver.address import checked_address
from handouts.deliver.outbox import Delivery, Outbox
from handouts.errors import HandoutError
from handouts.load.clinic import load_clinic
from handouts.load.resolve import choose_clinic
from handouts.models.plan import Patient


def send_file(
    pdf: Path,
    to: str,
    *,
    patient: str | None = None,
    clinic: Path | None = None,
    drafts: bool = False,
    resend: bool = False,
    protected: str | None = None,
) -> Delivery:
    """Email ``pdf`` to ``to`` from the resolved clinic (or write a draft beside it)."""
    choice = choose_clinic(clinic)
    if choice.path is None:
        raise HandoutError(
            "no clinic to send from: give --clinic clinic.yaml, set HANDOUTS_CLINIC, or run "
            "this in your clinic's folder"
        )
    address = checked_address(to, field="--to")
    who = Patient(name=patient) if patient else None
    with Outbox(load_clinic(choice.path), drafts=drafts, resend=resend) as outbox:
        return outbox.deliver(pdf, address, patient=who, protected=protected or "")
