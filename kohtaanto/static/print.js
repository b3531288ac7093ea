// Charts scaled to their box when the page is printed (Ctrl+P or a PDF).
// Plotly draws each chart as SVGs of fixed pixel size for the screen's column; a printed column
// is narrower (A4 landscape holds two charts to a row), and an SVG without a viewBox is cut, not
// scaled. Before printing each chart's SVGs get a viewBox of their drawn size and follow their
// box's width (print.css); after printing they are put back as Plotly drew them.
(() => {
  if (window.kohtaantoPrint) return; // st.html runs this again after a page change
  window.kohtaantoPrint = true;
  const boxes = () => document.querySelectorAll(".js-plotly-plot .svg-container");
  window.addEventListener("beforeprint", () => {
    for (const box of boxes()) {
      const svgs = box.querySelectorAll(":scope > svg.main-svg");
      const width = Number(svgs[0]?.getAttribute("width"));
      const height = Number(svgs[0]?.getAttribute("height"));
      if (!width || !height) continue;
      for (const svg of svgs) {
        svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
        svg.setAttribute("preserveAspectRatio", "xMinYMin meet");
      }
      box.style.setProperty("--print-ratio", `${width} / ${height}`);
      box.classList.add("print-scaled");
    }
  });
  window.addEventListener("afterprint", () => {
    for (const box of boxes()) {
      for (const svg of box.querySelectorAll(":scope > svg.main-svg")) {
        svg.removeAttribute("viewBox");
        svg.removeAttribute("preserveAspectRatio");
      }
      box.style.removeProperty("--print-ratio");
      box.classList.remove("print-scaled");
    }
  });
})();
