// The desk's own few behaviours; everything else is htmx and the server.
// Served from our origin (the Content-Security-Policy allows no inline script).
"use strict";

// Filter the exercise grid as the clinician types or picks; ticked cards stay in
// the form when hidden, so a filter never drops a chosen exercise.
function filterExercises() {
  const value = (name) => {
    const el = document.querySelector(`[data-filter="${name}"]`);
    return el ? el.value.trim().toLowerCase() : "";
  };
  const words = value("search").split(/\s+/).filter(Boolean);
  const area = value("area");
  const tag = value("tag");
  const level = value("level");
  let shown = 0;
  let total = 0;
  for (const card of document.querySelectorAll("#exercise-grid .card")) {
    total += 1;
    const match =
      words.every((w) => card.dataset.search.includes(w)) &&
      (!area || card.dataset.areas.includes(` ${area} `)) &&
      (!tag || card.dataset.tags.includes(` ${tag} `)) &&
      (!level || card.dataset.level === level);
    card.hidden = !match;
    if (match) shown += 1;
  }
  const count = document.getElementById("ex-count");
  if (count) count.textContent = shown === total ? `${total} exercises` : `${shown} of ${total} exercises`;
}

document.addEventListener("input", (event) => {
  if (event.target.matches("[data-filter]")) filterExercises();
});
document.addEventListener("change", (event) => {
  if (event.target.matches("[data-filter]")) filterExercises();
});
document.addEventListener("htmx:afterSettle", filterExercises);
document.addEventListener("DOMContentLoaded", filterExercises);

// "Cancel" and "Keep" buttons: empty the box they belong to.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-clear]");
  if (button) {
    const box = document.querySelector(button.dataset.clear);
    if (box) box.replaceChildren();
  }
});

// Print: load the PDF in a hidden frame and open the browser's print dialog for it.
// If the browser cannot print a PDF in a frame, the link opens the PDF in a new tab.
document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-print]");
  if (!link) return;
  event.preventDefault();
  document.getElementById("print-frame")?.remove();
  const frame = document.createElement("iframe");
  frame.id = "print-frame";
  frame.className = "print-frame";
  frame.title = "Handout for printing";
  frame.src = link.href;
  frame.addEventListener("load", () => {
    try {
      frame.contentWindow.focus();
      frame.contentWindow.print();
    } catch (error) {
      window.open(link.href, "_blank", "noopener");
    }
  });
  document.body.append(frame);
});
