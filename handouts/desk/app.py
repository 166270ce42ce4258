"""The desk's Flask application, built for one launch: its clinic and its token."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, g, render_template

from handouts.desk.actions import actions
from handouts.desk.preview import Previews
from handouts.desk.security import CSRF_FIELD, protect
from handouts.desk.state import Desk
from handouts.desk.views import pages
from handouts.errors import HandoutError

HERE = Path(__file__).resolve().parent


def create_app(token: str, clinic: Path | None = None, *, cwd: Path | None = None) -> Flask:
    """The desk for the clinic ``make`` would choose (``clinic`` is ``--clinic``).

    ``token`` is this launch's secret: every request must carry it (see ``security``).
    """
    app = Flask(
        "handouts.desk",
        root_path=str(HERE),
        template_folder="templates",
        static_folder="static",
    )
    # Jinja autoescapes every .html template: patient text is always data here.
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    desk = Desk(clinic, cwd=cwd)
    app.extensions["handouts_desk"] = desk
    app.extensions["handouts_previews"] = Previews(desk.engine)
    protect(app, token)

    @app.context_processor
    def _csrf() -> dict[str, str]:
        return {"csrf_token": g.get("csrf_token", ""), "csrf_field": CSRF_FIELD}

    @app.errorhandler(HandoutError)
    def _problem(error: HandoutError) -> tuple[str, int]:
        # The clinic or library did not load: the CLI's one line, on a page of its own.
        return render_template("desk/problem.html", message=error.message), 500

    app.register_blueprint(pages)
    app.register_blueprint(actions)
    return app
