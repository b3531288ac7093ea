// Presentation mode (pages/esitys.py): the arrow keys (and a clicker's PageUp and PageDown) for
// the previous and the next slide, and the full-screen toggle.
// The keys press the page's own Previous and Next buttons, so the slide number goes to the URL
// as with a click; they do nothing while a choice has the focus (a list opened with the arrow
// keys, a text field), or on other pages, where those buttons are not.
(() => {
  if (window.kohtaantoSlides) return; // st.html runs this again after each page change
  window.kohtaantoSlides = true;
  const STEPS = { ArrowRight: "next", PageDown: "next", ArrowLeft: "prev", PageUp: "prev" };
  const typing = (el) =>
    el instanceof Element &&
    el.closest(
      'input, textarea, select, [contenteditable="true"], [role="combobox"], [role="listbox"],' +
        ' [role="slider"], [role="radiogroup"], [role="menu"], [role="dialog"]',
    );
  document.addEventListener("keydown", (event) => {
    const step = STEPS[event.key];
    if (!step || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (event.defaultPrevented || typing(event.target)) return;
    const button = document.querySelector(`.st-key-story_${step} button`);
    if (!button) return;
    event.preventDefault();
    if (!button.disabled) button.click();
  });
  // Full screen needs the reader's own click: the button is the page's HTML, not a Streamlit
  // widget (whose click would only reach the server).
  document.addEventListener("click", (event) => {
    if (!(event.target instanceof Element) || !event.target.closest(".kt-fullscreen")) return;
    if (document.fullscreenElement) document.exitFullscreen();
    else document.documentElement.requestFullscreen?.();
  });
  document.addEventListener("fullscreenchange", () => {
    const on = Boolean(document.fullscreenElement);
    document.documentElement.classList.toggle("kt-fullscreen-on", on);
    for (const button of document.querySelectorAll(".kt-fullscreen")) {
      button.setAttribute("aria-pressed", String(on));
    }
  });
})();
