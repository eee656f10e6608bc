"""Who is on duty: the step of a conversation where a koordinator names a roster's teams
(/aturronda) or a shift's new members (its ✏️ edit), in three ways at once:

- typing, one team per line, with @usernames and text mentions mixed;
- the picker (👥 Pilih dari daftar): the desa's watch members, paged, pressed to choose, one
  team at a time (➕ Tim berikutnya, ✅ Selesai);
- forwarding a person's message, which adds them to the team being put together.

While teams are being put together (the picker was opened or something forwarded), what is
typed continues them: its first line joins the current team, each further line begins a new
one. The teams so far live in the draft as `draft["build"]` (plain JSON, ids as ints: see
bot/services/patrols/people.py), so a restart in the middle loses nothing. Every way is checked
by the same service call (`PatrolService.plan_members`): unknown or ineligible people are named,
and nothing changes.

Another conversation naming one list of people (/siaga's chosen people) uses the same step
with `one_team`, its own `limit`, its own words for some texts (`texts`: a pick./ronda. key ->
its own key, same values) and `self_refused` (the person naming is not offered, and naming
themselves is refused with that text).
"""

from __future__ import annotations

import copy
from collections.abc import Awaitable
from collections.abc import Callable
from collections.abc import Collection
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler
from telegram.ext import CallbackQueryHandler
from telegram.ext import MessageHandler
from telegram.ext import filters

from bot.errors import UserFacingError
from bot.ptb.context import Ctx
from bot.services.patrols import PatrolError
from bot.services.patrols import parse_teams
from bot.services.patrols.callbacks import Pick
from bot.services.patrols.callbacks import PickVerb
from bot.services.patrols.people import Build
from bot.services.patrols.people import MemberRef
from bot.services.patrols.people import add_people
from bot.services.patrols.people import built_teams
from bot.services.patrols.people import current
from bot.services.patrols.people import new_build
from bot.services.patrols.people import next_team
from bot.services.patrols.people import page_of
from bot.services.patrols.people import toggle
from bot.services.patrols.types import MAX_TEAM_SIZE
from bot.services.patrols.types import MAX_TEAMS
from bot.texts import t
from handlers.common import NEW_MESSAGE
from handlers.common import edit_query_message
from handlers.common import keyboard
from handlers.common import needs_draft
from handlers.common import pressed
from handlers.common import say
from handlers.patrols.people import forwarded_from
from handlers.patrols.people import picker_keyboard
from handlers.patrols.people import picker_text
from handlers.patrols.people import with_mentions
from handlers.patrols.shared import OTHER
from handlers.patrols.shared import PRIVATE_TEXT
from handlers.patrols.shared import expect_text

FORWARDED = NEW_MESSAGE & filters.ChatType.PRIVATE & filters.FORWARDED

# The teams chosen (ids, checked) and everyone's display name -> the conversation's next state.
Finish = Callable[[Update, Ctx, list[list[int]], dict[int, str]], Awaitable[str | int]]


@dataclass(frozen=True)
class TeamsStep:
    """The naming step of one conversation: its draft's key, its picker's owner word, its
    state, whether it names one team only, and what follows once the teams are chosen."""

    draft: str
    owner: str
    state: str
    finish: Finish
    one_team: Callable[[dict[str, Any]], bool]
    # The desa whose watch is named, from the draft.
    desa_of: Callable[[Ctx, dict[str, Any]], Awaitable[int]]
    # The text for a press or message that comes when the draft is gone.
    lost: str = "ronda.lost"
    # People in a team at most (None: MAX_TEAM_SIZE).
    limit: int | None = None
    # Texts said in the owner's words: a pick./ronda. key -> the owner's key (same values).
    texts: Mapping[str, str] = field(default_factory=dict)
    # Set: the person naming is left out of the list, and naming themselves is refused with
    # this text.
    self_refused: str | None = None

    def handlers(self) -> list[BaseHandler]:
        """The state's handlers: the picker's buttons, forwards, typed text, anything else."""
        step = needs_draft(self.draft, self.lost)
        return [
            CallbackQueryHandler(step(self.button), pattern=Pick.pattern_for(self.owner)),
            MessageHandler(FORWARDED, step(self.forwarded)),
            MessageHandler(PRIVATE_TEXT, step(self.typed)),
            MessageHandler(OTHER, expect_text),
        ]

    async def ask(self, update: Update, context: Ctx, question: str) -> str:
        """Ask who, with the button that opens the list; any earlier teams are dropped."""
        self._draft(context).pop("build", None)
        markup = keyboard([[(t(context.lang, "pick.btn_list"), Pick(self.owner, "ls", 0))]])
        await say(update, question, reply_markup=markup)
        return self.state

    # -- the three ways --------------------------------------------------------------------------

    async def typed(self, update: Update, context: Ctx) -> str | int:
        """Typed teams (@usernames, text mentions): the teams, or more of those being put
        together."""
        draft = self._draft(context)
        text, people, shown = with_mentions(update.effective_message)
        one = self.one_team(draft)
        try:
            if one:  # one team: its lines are one list
                text = " ".join(text.splitlines())
            lines = parse_teams(text, people, self.limit)
            self._refuse_self(update, [n for line in lines for n in line])
            ids, labels = await context.services.patrols.plan_members(
                await self.desa_of(context, draft), lines, shown, self.limit
            )
            if draft.get("build") is None:
                return await self._finished(update, context, ids, labels)
            changed = copy.deepcopy(draft["build"])
            for number, team in enumerate(ids):
                if number:
                    next_team(changed, MAX_TEAMS)
                add_people(changed, {i: labels.get(i, str(i)) for i in team}, self._limit)
        except UserFacingError as error:
            await say(update, self._error(context.lang, error))
            return self.state
        draft["build"] = changed
        await self._show(update, context, changed, one)
        return self.state

    async def forwarded(self, update: Update, context: Ctx) -> str:
        """A forwarded message: its writer joins the team being put together."""
        draft, lang = self._draft(context), context.lang
        origin = forwarded_from(update.effective_message)
        if origin is None or origin.user_id is None:
            key = (
                "pick.forward_hidden" if origin and origin.kind == "hidden" else "pick.forward_chat"
            )
            await say(update, t(lang, key, name=origin.name if origin else "?"))
            return self.state
        changed = copy.deepcopy(draft.get("build") or new_build())
        try:
            self._refuse_self(update, [origin.user_id])
            desa_id = await self.desa_of(context, draft)
            shown = {origin.user_id: origin.name}
            _, labels = await context.services.patrols.plan_members(
                desa_id, [[origin.user_id]], shown, self.limit
            )
            add_people(changed, labels, self._limit)
        except UserFacingError as error:
            await say(update, self._error(lang, error))
            return self.state
        draft["build"] = changed
        await self._show(update, context, changed, self.one_team(draft))
        return self.state

    async def button(self, update: Update, context: Ctx) -> str | int:
        """A press in the picker (or under the teams so far)."""
        button = pressed(update, Pick)
        draft = self._draft(context)
        build = draft.setdefault("build", new_build())
        one = self.one_team(draft)
        if button.verb == "ok":
            try:
                return await self._done(update, context, build)
            except UserFacingError as error:
                # It names people, and may be long for a pop-up: a message of its own.
                await say(update, self._error(context.lang, error))
                return self.state
        try:
            if button.verb == "t":
                await self._toggle(update, context, build, button.value)
            elif button.verb == "nx" and not one:
                next_team(build, MAX_TEAMS)
            elif button.verb == "pg":
                build["page"] = button.value
        except UserFacingError as error:
            await say(update, self._error(context.lang, error), toast=True)
            return self.state
        user_id = update.effective_user.id
        if button.verb == "ls":
            await update.callback_query.answer()
            text, markup = await self._picker(context, build, one, user_id)
            await update.effective_chat.send_message(text, reply_markup=markup)
            return self.state
        if button.verb != "t":
            await update.callback_query.answer()
        text, markup = await self._picker(context, build, one, user_id)
        await edit_query_message(update.callback_query, text, reply_markup=markup)
        return self.state

    # -- the parts -------------------------------------------------------------------------------

    def _draft(self, context: Ctx) -> dict[str, Any]:
        draft: dict[str, Any] = context.user_data[self.draft]
        return draft

    @property
    def _limit(self) -> int:
        return self.limit or MAX_TEAM_SIZE

    def _t(self, lang: str, key: str, **values: Any) -> str:
        """A text of the step, in the owner's words where it has its own."""
        return t(lang, self.texts.get(key, key), **values)

    def _error(self, lang: str, error: UserFacingError) -> str:
        return self._t(lang, error.key, **error.values)

    def _refuse_self(self, update: Update, named: Collection[MemberRef]) -> None:
        """Refuse (`self_refused`) when the person naming names themselves: by their id (a
        mention, a forward, a press), typed digits or their @username."""
        if self.self_refused is None:
            return
        user = update.effective_user
        username = (user.username or "").casefold()
        for name in named:
            mine = (
                name == user.id
                if isinstance(name, int)
                else (name.isdigit() and int(name) == user.id)
                or (bool(username) and name.casefold() == username)
            )
            if mine:
                raise UserFacingError(self.self_refused)

    async def _toggle(self, update: Update, context: Ctx, build: Build, user_id: int) -> None:
        """Choose or unchoose one person of the list (checked again when the teams are done)."""
        patrols = context.services.patrols
        desa_id = await self.desa_of(context, self._draft(context))
        watch = dict(await patrols.watch_members(desa_id))
        label = watch.get(user_id) or build["labels"].get(str(user_id), str(user_id))
        if user_id not in current(build):
            self._refuse_self(update, [user_id])
            if user_id not in watch:
                # The list was older than a change of the watch: the service names the refusal.
                await patrols.plan_members(desa_id, [[user_id]])
        chosen = toggle(build, user_id, label, self._limit)
        key = "pick.chosen" if chosen else "pick.unchosen"
        await say(update, t(context.lang, key, name=label), toast=True, alert=False)

    async def _done(self, update: Update, context: Ctx, build: Build) -> str | int:
        """✅ Selesai: the teams put together are checked and handed on."""
        teams = built_teams(build)
        if not teams:
            raise PatrolError("pick.team_empty")
        ids, labels = await context.services.patrols.plan_members(
            await self.desa_of(context, self._draft(context)), teams, None, self.limit
        )
        await update.callback_query.answer()
        await edit_query_message(update.callback_query, self._so_far(context.lang, build, True))
        return await self._finished(update, context, ids, labels)

    async def _finished(
        self, update: Update, context: Ctx, ids: list[list[int]], labels: dict[int, str]
    ) -> str | int:
        state = await self.finish(update, context, ids, labels)
        if state != self.state:
            context.user_data.get(self.draft, {}).pop("build", None)
        return state

    async def _picker(self, context: Ctx, build: Build, one: bool, user_id: int) -> tuple[str, Any]:
        """The picker's text and keyboard for the team being put together (as `user_id`, who
        names, sees it)."""
        lang, draft = context.lang, self._draft(context)
        desa_id = await self.desa_of(context, draft)
        candidates = await context.services.patrols.watch_members(desa_id)
        if self.self_refused is not None:
            candidates = [c for c in candidates if c[0] != user_id]
        page = page_of(candidates, int(build.get("page", 0)))
        build["page"] = page.number
        actions: list[tuple[str, PickVerb]] = [(t(lang, "pick.btn_done"), "ok")]
        if not one:
            actions.insert(0, (t(lang, "pick.btn_next"), "nx"))
        if one:
            title = self._t(lang, "pick.list_title_shift")
        else:
            title = self._t(lang, "pick.list_title_team", n=len(build["teams"]))
        text = picker_text(lang, title, page)
        if not candidates:
            desa = context.services.patrols.desa_name(desa_id)
            text += "\n\n" + self._t(lang, "pick.list_empty", desa=desa)
        return text, picker_keyboard(lang, self.owner, page, current(build), actions)

    async def _show(self, update: Update, context: Ctx, build: Build, one: bool) -> None:
        """The teams so far, with the list and the next and done buttons."""
        lang = context.lang
        row: list[tuple[str, Pick]] = [(t(lang, "pick.btn_done"), Pick(self.owner, "ok", 0))]
        if not one:
            row.insert(0, (t(lang, "pick.btn_next"), Pick(self.owner, "nx", 0)))
        markup = keyboard([[(t(lang, "pick.btn_list"), Pick(self.owner, "ls", 0))], row])
        await say(update, self._so_far(lang, build, one), reply_markup=markup)

    def _so_far(self, lang: str, build: Build, one: bool) -> str:
        labels = build["labels"]
        lines = []
        teams = build["teams"]
        for number, team in enumerate(teams, start=1):
            names = ", ".join(labels.get(str(i), str(i)) for i in team)
            key = "pick.team_line_current" if number == len(teams) and not one else "pick.team_line"
            lines.append(self._t(lang, key, n=number, names=names or t(lang, "pick.nobody_yet")))
        return self._t(lang, "pick.so_far", teams="\n".join(lines))
