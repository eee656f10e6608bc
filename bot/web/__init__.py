"""The Polsek dashboard (issue 23): a web face of the bot, served by the bot's own process.

API for the pages (bot/web/pages/<name>.py defines `PAGE = Page(...)`):

- `viewer = await current_viewer(request)`: the logged-in person, roles re-read at every request
  (no session: redirect to /masuk; no dashboard role any more: 403, session ended)
- `require(viewer, action, place=None)`: 403 (audited as the bot's "auth.denied") unless allowed;
  `viewer.may(action, place)` asks without refusing
- `services_of(request)`: the bot's services (`.reports`, `.dasbor`, ...), the handlers' own
- `render(request, viewer, "page.html", {...}, status=200)`: a page on base.html; templates get
  t(key, **kw), viewer, csrf_token, nav, static_url(path), fmt_time(dt), poll_seconds, tile_url
- JSON for live updates: starlette's JSONResponse; the page's script polls it with
  dasbor.js `poll(url, seconds, callback)` and posts with `postForm(url, data)` (CSRF header)

Every POST needs the session's CSRF token (form field `csrf` or header `X-CSRF-Token`).
"""

from bot.web.app import render
from bot.web.auth import Viewer
from bot.web.auth import current_viewer
from bot.web.auth import require
from bot.web.auth import services_of

__all__ = ["Viewer", "current_viewer", "render", "require", "services_of"]
