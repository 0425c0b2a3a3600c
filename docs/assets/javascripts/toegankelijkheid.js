/* Keyboard fixes on top of Material (tested by tests/test_keyboard.py).

   1. Keyboard access to Material's two header buttons on narrow screens (phones, or a
   desktop zoomed to 200-400 %). Material draws "menu" and "search" as <label>s of
   hidden checkboxes: a mouse or finger can use them, a keyboard cannot (no Tab stop,
   no role, no name). Here they become buttons: focusable, named, announced as
   expanded or collapsed, and operated with Enter or Space like any button.
   2. Tab from the search field reaches the results (see searchTab). */
(function () {
  "use strict";
  var NAMES = { __drawer: "Navigatiemenu", __search: "Zoeken" };

  function enhance(label) {
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle || label.dataset.toetsenbord) return;
    label.dataset.toetsenbord = "1";
    // A <label> may not carry role="button" (ARIA in HTML), so the button is a span
    // inside it holding the icon; a click on it still reaches the label.
    var button = document.createElement("span");
    button.className = "toetsenbord-knop";
    button.setAttribute("tabindex", "0");
    button.setAttribute("role", "button");
    button.setAttribute("aria-label", NAMES[label.htmlFor]);
    while (label.firstChild) button.appendChild(label.firstChild);
    label.appendChild(button);
    var sync = function () { button.setAttribute("aria-expanded", String(toggle.checked)); };
    sync();
    toggle.addEventListener("change", sync);
    button.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      // Material's own key handler clicks focused labels on Enter too: one toggle only.
      event.preventDefault();
      event.stopPropagation();
      label.click(); // toggles the checkbox and fires "change", which Material listens to
      sync();
      // Opened search: the cursor goes into the field (a click does that via the label).
      var input = document.querySelector(".md-search__input");
      if (label.htmlFor === "__search" && toggle.checked && input) input.focus();
    });
    // Closing (Escape, or Material's Tab handling) drops the focus on the page body:
    // bring it back to the button that opened the drawer or search, if it is shown.
    toggle.addEventListener("change", function () {
      if (toggle.checked || label.offsetParent === null) return;
      var active = document.activeElement;
      if (!active || active === document.body) button.focus();
    });
  }

  /* Tab in the search field. Material closes the search on Tab, so the focus landed
     on the (then hidden) results area. With results, Tab now goes to the first result
     instead (as ArrowDown does); without, it skips the results area. */
  function searchTab(input) {
    var wrap = document.querySelector(".md-search__scrollwrap");
    input.addEventListener("keydown", function (event) {
      if (event.key !== "Tab" || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
      var first = document.querySelector(".md-search-result__link");
      if (first && input.value.trim()) {
        // Material's own key handler closes the search on Tab: keep it open here.
        event.preventDefault();
        event.stopPropagation();
        first.focus();
      } else if (wrap) {
        wrap.tabIndex = -1;
        window.setTimeout(function () { wrap.tabIndex = 0; }, 0);
      }
    });
  }

  function start() {
    var input = document.querySelector(".md-search__input");
    if (input) searchTab(input);
    var labels = document.querySelectorAll('label.md-header__button[for="__drawer"], label.md-header__button[for="__search"]');
    Array.prototype.forEach.call(labels, enhance);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
