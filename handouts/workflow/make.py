"""Make one handout: from a request to a written, protected, delivered PDF.

The order matters: everything that could fail for a reason the clinician can
fix (the plan, the clinic, the address, the mail settings, the password) is
checked before anything is written, so a refused request leaves nothing
half done behind.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from handouts.compose.handout import Handout
from handouts.compose.initials import with_initials
from handouts.compose.language import ENGLISH, checked_fallback, checked_language
from handouts.compose.summary import summary_text
from handouts.deliver.address import checked_address
from handouts.deliver.filenames import default_output
from handouts.deliver.protect import encrypt_pdf
from handouts.deliver.write import write_atomically
from handouts.errors import HandoutError, Notice, ValidationError
from handouts.load.choice import ClinicChoice, refuse_to_email_a_sample
from handouts.load.plan import COMMAND_LINE, load_plan, load_plan_noting
from handouts.load.resolve import Resolved, clinic_of, resolve
from handouts.models.clinic import Clinic
from handouts.models.colour import colour_notices
from handouts.models.plan import Patient, Plan
from handouts.models.translation import base_language
from handouts.workflow.identity import fingerprint, patient_identity
from handouts.workflow.request import Made, MakeRequest, Send

if TYPE_CHECKING:
    from handouts.deliver.outbox import Delivery, Outbox

# The PDF stack (ReportLab, pikepdf, the pictures) is imported by the functions that
# build and render, not here: a batch's parent process imports this module to check
# rows and send, and its workers are the ones that render (tens of MB each).


def make(request: MakeRequest) -> Made:
    """Make the handout ``request`` asks for; raise ``HandoutError`` before writing if it can't."""
    plan, notices = load_plan_noting(request.plan_file, dict(request.overrides))
    previous = load_plan(request.since) if request.since is not None else None
    found = resolve(request.clinic, plan, request.libraries)
    address = _address(plan, request.send)
    outbox = _outbox(found, request)  # mail settings checked before any work
    source = request.password
    password = source.password_for(plan.patient.date_of_birth) if source else None
    protection = source.kind if source else ""
    handout = handout_for(
        plan,
        found,
        since=previous,
        language=request.language,
        fallback=request.fallback,
        second_language=request.second_language,
    )
    patient = recipient(plan)
    target = request.output or default_output(request.folder or Path.cwd(), patient.name, plan.date)
    written = write_pdf(handout, target, password, overwrite=request.overwrite)
    delivery = None
    if outbox is not None and address is not None:
        with outbox:
            delivery = _deliver(
                outbox, written, address, plan, found.choice, protection, handout.language
            )
    from handouts.render.script import handout_uncovered

    return Made(
        path=written,
        plan=plan,
        exercises=len(handout.cards),
        size=written.stat().st_size,
        protected=password is not None,
        clinic=found.choice,
        uncovered=tuple(handout_uncovered(handout)),
        delivery=delivery,
        summary=summary_text(plan, handout) if request.summary else None,
        notices=notices
        + english_notices(handout)
        + picture_notices(handout)
        + _colour_notices(found, handout),
    )


def email_handout(
    pdf: Path,
    plan: Plan,
    choice: ClinicChoice,
    *,
    protection: str = "",
    resend: bool = False,
    drafts: bool = False,
) -> Delivery:
    """Email a handout made from ``plan`` to the plan's patient, as ``make --send`` does.

    For a front end that makes first and sends after the clinician confirms
    the address: the same checks (a named clinic, a valid address, a mail
    server, an encrypted file when ``protection`` is promised) and the same
    at-most-once sent log, with the patient's identity and the plan's
    fingerprint, so a file made for one patient never goes to another.
    ``drafts``: write the email as an ``.eml`` file beside the PDF instead.
    """
    address = _address(plan, Send.EMAIL)
    assert address is not None  # Send.EMAIL always has one or raises
    refuse_to_email_a_sample(choice)
    clinic = clinic_of(choice)
    from handouts.deliver.outbox import Outbox  # sending only: SMTP, email, TLS

    with Outbox(clinic, drafts=drafts, resend=resend) as outbox:
        language = handout_language(plan, clinic)
        return _deliver(outbox, pdf, address, plan, choice, protection, language)


def _deliver(
    outbox: Outbox,
    pdf: Path,
    address: str,
    plan: Plan,
    choice: ClinicChoice,
    protection: str,
    language: str,
) -> Delivery:
    return outbox.deliver(
        pdf,
        address,
        patient=recipient(plan),
        practitioner=plan.practitioner,
        protected=protection,
        identity=patient_identity(plan),
        fingerprint=fingerprint(plan, choice.path, protection),
        language=language,
    )


def _colour_notices(found: Resolved, handout: Handout) -> tuple[Notice, ...]:
    """The clinic's colours printed as darker shades, so their text reads (none in greyscale)."""
    if handout.look.greyscale:
        return ()
    return colour_notices(found.clinic.colours, found.clinic.source)


def handout_for(
    plan: Plan,
    found: Resolved,
    *,
    since: Plan | None = None,
    language: str | None = None,
    fallback: str | None = None,
    second_language: str | None = None,
) -> Handout:
    """The worded handout, marked as a sample when it carries the bundled example clinic.

    Its language: ``language`` (``--language``), else the plan's, else the
    clinic's, else English; one the handouts cannot be made in is refused,
    naming where it was chosen.
    """
    from handouts.compose.build import build_handout

    chosen = handout_language(plan, found.clinic, language)
    handout = build_handout(
        plan,
        found.library,
        found.clinic,
        since=since,
        language=chosen,
        fallback=checked_fallback(fallback),
        second_language=_second_language(plan, chosen, second_language),
    )
    if found.choice.is_sample:
        handout = dataclasses.replace(handout, sample=True)
    return handout


def write_pdf(handout: Handout, target: Path, password: str | None, *, overwrite: bool) -> Path:
    """Render, encrypt when a password is given, and write atomically.

    Why encryption sits here, between render and write: no unprotected copy of a
    protected handout ever touches the disk.
    """
    from handouts.render.pdf import render_pdf_bytes

    data = render_pdf_bytes(handout)
    if password is not None:
        data = encrypt_pdf(data, password)
    return write_atomically(target, data, overwrite=overwrite)


def handout_language(plan: Plan, clinic: Clinic, option: str | None = None) -> str:
    """The language a handout is made in (and emailed in), checked where it was chosen."""
    if option:
        return checked_language(option, COMMAND_LINE, "--language")
    if plan.language:
        return checked_language(plan.language, plan.source or COMMAND_LINE, "language")
    if clinic.language:
        return checked_language(clinic.language, clinic.source, "language")
    return ENGLISH


def _second_language(plan: Plan, language: str, option: str | None) -> str | None:
    """The handout's second language (``--second-language``, else the plan's), checked."""
    code, where, field = option, COMMAND_LINE, "--second-language"
    if not code:
        code, where, field = plan.second_language, plan.source or COMMAND_LINE, "second_language"
    if not code:
        return None
    checked = checked_language(code, where, field)
    if base_language(checked) == base_language(language):
        raise ValidationError(
            where, f"is the handout's own language ({language}); choose another", field=field
        )
    return checked


def english_notices(handout: Handout) -> tuple[Notice, ...]:
    """One warning when ``--fallback en`` printed items in English."""
    if not handout.in_english:
        return ()
    items = ", ".join(handout.in_english)
    message = f"printed in English, marked (English): {items} (no {handout.language} translation)"
    return (Notice(COMMAND_LINE, None, "--fallback", message),)


def picture_notices(handout: Handout) -> tuple[Notice, ...]:
    """What loading the handout's pictures removed (SVG scripts), naming file and field.

    Cheap after rendering: the converted drawings are cached.  (A batch leaves
    these to ``handouts check``: the same library picture would warn on every row.)
    """
    from handouts.images import image_notices

    named = [(handout.brand.logo, handout.brand.source, "logo")]
    for card in handout.cards:
        named += [(p, card.source, f"illustrations[{i}]") for i, p in enumerate(card.illustrations)]
    return tuple(
        Notice(source or path, None, field, f"{path.name}: {message}")
        for path, source, field in named
        for message in image_notices(path)
    )


def recipient(plan: Plan) -> Patient:
    """The patient as the handout and its email name them: initials only in initials mode."""
    return with_initials(plan).patient if plan.options.initials else plan.patient


def _address(plan: Plan, send: Send) -> str | None:
    if send is Send.NOTHING:
        return None
    if not plan.patient.email:
        raise HandoutError("emailing needs the patient's email address: add --email ADDRESS")
    return checked_address(plan.patient.email)


def _outbox(found: Resolved, request: MakeRequest) -> Outbox | None:
    if request.send is Send.NOTHING:
        return None
    refuse_to_email_a_sample(found.choice)
    from handouts.deliver.outbox import Outbox  # sending only: SMTP, email, TLS

    return Outbox(found.clinic, drafts=request.send is Send.DRAFT, resend=request.resend)
