"""``handouts desk``: a local web app over the library, for clinicians who never open a terminal.

One page on 127.0.0.1 (``app.create_app``, served by ``server.serve``): the
patient's details, the sections and exercises with their doses, the options,
a live preview of the real pages, and the actions (make, download, print,
email, save a plan).  The views are thin; the work is the library's.
"""
