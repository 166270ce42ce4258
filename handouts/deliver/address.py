"""Check a patient's email address before anything is sent or drafted.

Why our own messages around email-validator's checks: an address is patient
data, and email-validator's messages quote the offending characters (and for
some domains the domain itself), so an error would leak part of the address
into a terminal, a log or the batch report.  Here every message names the
field and the kind of problem, never the value.

Why no non-ASCII before the @: such an address needs a server that speaks
SMTPUTF8, which many clinics' servers do not; refusing it everywhere (send,
drafts, batch) is consistent, where accepting it would fail only sometimes,
after the PDF was made.  Non-ASCII domains are fine: they are sent in their
ASCII (IDNA) form, which every server understands.
"""

from __future__ import annotations

import unicodedata

from handouts.errors import HandoutError

FIELD = "email"
MAX_LENGTH = 254  # RFC 5321's limit on a forward path, less its angle brackets
MAX_LOCAL = 64  # RFC 5321's limit before the @ (email-validator lets longer ones pass)

# Characters that end a line somewhere (a header injection in email, a new
# record in a CSV or a log), named by kind so the message never shows them.
_LINE_BREAKS = {"\r", "\n", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"}


class InvalidAddressError(HandoutError):
    """An email address that must not be used; the message never contains the address."""

    def __init__(self, problem: str, field: str = FIELD) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: not a valid address ({problem})")


def checked_address(value: str, field: str = FIELD) -> str:
    """``value`` as a bare, normalised address (ASCII domain), or ``InvalidAddressError``.

    ``field`` names where the value came from, for the message (e.g. ``email``,
    ``--to``).  No DNS look-up: a typo'd but well-formed domain is the server's
    to bounce, and a check must not stall a batch on a slow resolver.
    """
    problem = _problem(value)
    if problem:
        raise InvalidAddressError(problem, field)
    # Imported here: about 40 ms of start-up (with the email package) that making a
    # handout without sending it never needs.
    from email_validator import EmailNotValidError, validate_email

    try:
        found = validate_email(
            value, check_deliverability=False, allow_smtputf8=False, allow_display_name=False
        )
    except EmailNotValidError as exc:
        raise InvalidAddressError(_reason(str(exc)), field) from None
    return str(found.ascii_email or found.normalized)


def _problem(value: str) -> str:
    """The first problem found by our own checks, in words without the value; or ""."""
    if not value.strip():
        return "empty"
    if len(value) > MAX_LENGTH:
        return f"longer than {MAX_LENGTH} characters"
    if any(c in _LINE_BREAKS for c in value):
        return "contains a line separator"
    if "\x00" in value:
        return "contains a NUL character"
    if any(unicodedata.category(c) in {"Cc", "Cf", "Cs", "Co", "Cn"} for c in value):
        return "contains a control or invisible character"
    if "<" in value or ">" in value:
        return "a name with an address in angle brackets; give the bare address only"
    if any(c.isspace() for c in value):
        return "contains a space"
    if "," in value or ";" in value:
        return "more than one address; give one"
    if value.count("@") != 1:
        return "needs exactly one @" if "@" not in value else "contains more than one @"
    local, _, domain = value.partition("@")
    if not local or not domain:
        return "needs a name before the @ and a domain after it"
    if len(local) > MAX_LOCAL:
        return f"the part before the @ is longer than {MAX_LOCAL} characters"
    if not local.isascii():
        return "non-ASCII characters before the @ are not supported"
    return ""


def _reason(message: str) -> str:
    """email-validator's complaint reduced to words that cannot contain the address.

    Its messages may quote characters or the domain, so they are mapped to fixed
    phrases by what they are about rather than shown.
    """
    lowered = message.lower()
    if "after the @" in lowered or "domain" in lowered or "period" in lowered:
        return "the part after the @ is not a valid domain"
    if "before the @" in lowered or "quot" in lowered:
        return "the part before the @ is not valid"
    if "too long" in lowered:
        return "too long"
    return "not in the form name@example.org"
