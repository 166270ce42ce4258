"""Send a handout that is already made (``handouts send``), through the same checks."""

from __future__ import annotations

from pathlib import Path

from handouts.deliver.address import checked_address
from handouts.deliver.outbox import Delivery, Outbox
from handouts.errors import HandoutError
from handouts.load.choice import WHERE_TO_NAME_IT, choose_clinic
from handouts.load.resolve import clinic_of
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
    if choice.is_sample:
        raise HandoutError(f"no clinic to send from: name yours ({WHERE_TO_NAME_IT})")
    address = checked_address(to, field="--to")
    who = Patient(name=patient) if patient else None
    with Outbox(clinic_of(choice), drafts=drafts, resend=resend) as outbox:
        return outbox.deliver(pdf, address, patient=who, protected=protected or "")
