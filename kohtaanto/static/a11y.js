// The page in the reader's language where Streamlit and Plotly write English, data tables that
// sort, and chart labels drawn whole or not at all. Loaded once (ui.static_files); each run hands
// over the language and its texts (ui.page_texts: window.kohtaantoA11y.use({...})).
// No "less than" sign may touch a letter or a slash here, not even in a comment: Streamlit's
// sanitiser (DOMPurify) drops a script whose text looks like markup.
//
// - The html element's lang is the chosen language (Streamlit serves lang="en"), so screen readers speak
//   Finnish and Swedish with the right voice.
// - Streamlit's "Skip to main content" link and its "Fullscreen" / "Close fullscreen" button in
//   the chart toolbar read in that language.
// - A picked value too long for its box wraps (app.css, kt-wrap) instead of being cut.
// - A "show data" table (export/html.py) sorts by the header clicked: numbers by their value
//   (data-sort), text in the language's order, empty cells last; aria-sort says how.
// - A chart's point labels were placed for a wide plot (charts/occupations.py): on a phone a
//   label that would run out of the plot, or over a label already drawn, is not drawn.
(() => {
  if (window.kohtaantoA11y) return; // st.html runs this again after a page change
  const state = { lang: "fi", texts: {} };
  const ENGLISH = { Fullscreen: "fullscreen", "Close fullscreen": "close_fullscreen" };

  const setText = (element, text) => {
    // The link's own text node, so that React keeps the node it made.
    const node = [...element.childNodes].find((n) => n.nodeType === Node.TEXT_NODE);
    if (node) node.nodeValue = text;
    else element.textContent = text;
  };

  const fitLabels = (plot) => {
    const area = plot.querySelector(".draglayer .nsewdrag");
    if (!area) return;
    const box = area.getBoundingClientRect();
    const kept = [];
    for (const label of plot.querySelectorAll(".scatterlayer .textpoint text")) {
      label.style.removeProperty("display");
      if (!label.textContent) continue;
      const r = label.getBoundingClientRect();
      const inside =
        r.left >= box.left - 1 &&
        r.right <= box.right + 1 &&
        r.top >= box.top - 1 &&
        r.bottom <= box.bottom + 1;
      const covers = kept.some(
        (k) =>
          r.left < k.right - 1 &&
          k.left < r.right - 1 &&
          r.top < k.bottom - 1 &&
          k.top < r.bottom - 1
      );
      if (inside && !covers) kept.push(r);
      else label.style.display = "none";
    }
  };

  const apply = () => {
    document.documentElement.lang = state.lang;
    const skip = document.querySelector('[data-testid="stSkipToContent"]');
    if (skip && state.texts.skip && skip.textContent !== state.texts.skip) {
      setText(skip, state.texts.skip);
    }
    for (const button of document.querySelectorAll(".modebar-btn[data-title]")) {
      const english = button.dataset.ktEnglish || button.dataset.title;
      const key = ENGLISH[english];
      const text = key && state.texts[key];
      if (!text) continue;
      button.dataset.ktEnglish = english;
      if (button.dataset.title !== text) button.dataset.title = text;
      if (button.getAttribute("aria-label") !== text) button.setAttribute("aria-label", text);
    }
    for (const input of document.querySelectorAll(
      '[data-testid="stSelectbox"] input[role="combobox"]'
    )) {
      const group = input.closest('[role="group"]');
      if (!group) continue;
      if (!group.dataset.ktObserved) {
        // Measured again when its box changes size: a phone's sidebar opens, a window widens.
        group.dataset.ktObserved = "1";
        resized.observe(group);
      }
      // Measured without the wrap (the input's own box), then wrapped if it does not fit.
      const focused = group.contains(document.activeElement);
      if (focused) continue;
      group.classList.remove("kt-wrap");
      if (input.clientWidth > 0 && input.scrollWidth > input.clientWidth + 1) {
        group.dataset.ktFull = input.value;
        group.classList.add("kt-wrap");
      } else {
        delete group.dataset.ktFull;
      }
    }
    for (const plot of document.querySelectorAll(".js-plotly-plot")) {
      if (plot.dataset.ktFit || typeof plot.on !== "function") continue;
      plot.dataset.ktFit = "1";
      plot.on("plotly_afterplot", () => fitLabels(plot));
      fitLabels(plot);
    }
  };

  let queued = false;
  const schedule = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      apply();
    });
  };
  const resized = new ResizeObserver(schedule);
  new MutationObserver(schedule).observe(document.body, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["value"],
  });
  document.addEventListener("focusout", schedule);
  window.addEventListener("resize", schedule);

  const sortKey = (cell) => {
    if (!cell) return null;
    if ("sort" in cell.dataset) return cell.dataset.sort === "" ? null : Number(cell.dataset.sort);
    return cell.textContent === "" ? null : cell.textContent;
  };

  document.addEventListener("click", (event) => {
    const button = event.target.closest(".kt-table th button");
    if (!button) return;
    const th = button.closest("th");
    const table = th.closest("table");
    const column = [...th.parentElement.children].indexOf(th);
    const ascending = th.getAttribute("aria-sort") !== "ascending";
    for (const other of th.parentElement.children) other.removeAttribute("aria-sort");
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const collator = new Intl.Collator(table.lang || state.lang, { numeric: true });
    const body = table.tBodies[0];
    const rows = [...body.rows].map((row, i) => [sortKey(row.cells[column]), i, row]);
    rows.sort(([a, i], [b, j]) => {
      if (a === null || b === null) return a === b ? i - j : a === null ? 1 : -1;
      const order = typeof a === "number" ? a - b : collator.compare(a, b);
      return (ascending ? order : -order) || i - j;
    });
    body.append(...rows.map(([, , row]) => row));
  });

  window.kohtaantoA11y = {
    use(options) {
      state.lang = options.lang || state.lang;
      state.texts = options.texts || state.texts;
      apply();
    },
  };
  // The run's texts may have arrived before this script (ui.page_texts).
  window.kohtaantoA11y.use(window.kohtaantoTexts || {});
})();
