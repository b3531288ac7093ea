"""Sign-in with Streamlit's own ``st.login`` (OpenID Connect), configured in
``.streamlit/secrets.toml`` ``[auth]`` (docs/databank.md says how for Microsoft Entra ID and any
OIDC provider). Without an ``[auth]`` section the app is read-only: no sign-in button, no error.

The signed-in address comes from the identity the provider signed (``st.user``: its ``email``
claim, else an address-like ``preferred_username``, as Entra ID gives the user's UPN), never from
a widget or the URL; an address the provider marks unverified is not used. What the person may
do is the roles file's to say, at each write (``kohtaanto.projects.roles``).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from kohtaanto import paths
from kohtaanto.i18n import t
from kohtaanto.projects.roles import READER, RolesFile, User, normal_email

PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
SIGNIN_JS = paths.PACKAGE / "static" / "signin.js"


def _auth_section() -> dict:
    try:
        if not st.secrets.load_if_toml_exists():
            return {}
        section = st.secrets.get("auth")
    except Exception:  # a broken secrets file: read-only, and the server log says why
        return {}
    return section.to_dict() if hasattr(section, "to_dict") else dict(section or {})


def providers() -> list[str | None]:
    """The configured providers: None for the unnamed one of ``[auth]``, else the names of
    ``[auth.<name>]`` sections; empty when sign-in is not configured."""
    auth = _auth_section()
    if not auth.get("redirect_uri") or not auth.get("cookie_secret"):
        return []
    named = [
        name
        for name, value in auth.items()
        if isinstance(value, dict) and all(value.get(k) for k in PROVIDER_KEYS)
    ]
    if named:
        return sorted(named)
    return [None] if all(auth.get(k) for k in PROVIDER_KEYS) else []


def configured() -> bool:
    """Sign-in is set up (``[auth]`` with a provider)."""
    return bool(providers())


def email() -> str | None:
    """The signed-in person's address as the provider gave it (lower case); None when signed
    out, when sign-in is not configured, or when the provider gives no verified address."""
    if not configured():
        return None
    user = st.user
    if not user.get("is_logged_in"):
        return None
    if user.get("email_verified") is False:
        return None
    for claim in ("email", "preferred_username"):
        value = user.get(claim)
        if isinstance(value, str) and "@" in value:
            return normal_email(value)
    return None


@st.cache_resource(show_spinner=False, max_entries=4)
def _roles(path: str) -> RolesFile:
    return RolesFile(Path(path))


def person() -> User:
    """The signed-in person as the roles file says now (a reader when not in it; signed out
    when nobody is signed in). For showing; every write asks the roles file again."""
    return _roles(str(paths.roles_path())).user(email())


def sidebar(lang: str) -> None:
    """Sign-in or sign-out in the sidebar, and who is signed in with what role; nothing when
    sign-in is not configured."""
    names = providers()
    if not names:
        return
    box = st.sidebar.container(key="signin_box")
    who = person()
    if not who.signed_in and st.user.get("is_logged_in"):
        # Signed in, but the provider gave no (verified) address: a reader, told why.
        box.caption(t("signin.no_address", lang))
        if box.button(t("signin.sign_out", lang), key="sign_out", icon=":material/logout:"):
            st.logout()
    elif who.signed_in:
        role = t(f"signin.role_{who.role}", lang)
        scope = ", ".join(sorted(who.areas or who.projects))
        box.caption(t("signin.signed_in_as", lang, email=who.email, role=role, scope=scope))
        if who.role == READER:
            box.caption(t("signin.reader_note", lang))
        if box.button(t("signin.sign_out", lang), key="sign_out", icon=":material/logout:"):
            st.logout()
    else:
        if box.button(t("signin.sign_in", lang), key="sign_in", icon=":material/login:"):
            if names[0] is None:
                st.login()
            else:
                st.login(names[0])
        box.caption(t("signin.sign_in_note", lang))
    # Back to the page where "sign in" was pressed: the provider returns to the home page.
    flag = "true" if who.signed_in else "false"
    script = SIGNIN_JS.read_text(encoding="utf-8").replace("__SIGNED_IN__", flag)
    with st.sidebar.container(key="signin_js"):
        st.html(f"<script>{script}</script>", unsafe_allow_javascript=True)
