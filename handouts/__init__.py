"""handouts: printable, clinic-branded patient exercise handouts.

The library API is ``handouts.api`` (``from handouts import api``).  This file
stays empty of imports so that ``handouts --help`` starts fast.
"""

__version__ = "0.1.0"
