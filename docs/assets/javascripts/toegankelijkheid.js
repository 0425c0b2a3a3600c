/* Keyboard fixes on top of Material (tested by tests/test_keyboard.py).

   1. Keyboard access to Material's two header buttons on narrow screens (phones, or a
   desktop zoomed to 200-400 %). Material draws "menu" and "search" as <label>s of
   hidden checkboxes: a mouse or finger can use them, a keyboard cannot (no Tab stop,
   no role, no name). Here they become buttons: focusable, named, announced as
   expanded or collapsed, and operated with Enter or Space like any button.
   2. Tab from the search field reaches the results (see searchTab).
   3. The colour scheme button in the header works with the keyboard too (palette).
   4. The open menu drawer on a narrow screen: opened by keyboard, the focus goes into it; the
   labels that open a section, the page's table of contents or go back a level become buttons
   there; and when the focus leaves the drawer (Tab past its end, Shift+Tab before its start),
   the drawer closes, so the focus never sits behind it (see drawer). */
(function () {
  "use strict";
  var NAMES = { __drawer: "Navigatiemenu", __search: "Zoeken" };

  // Material's breakpoint below which the navigation is a drawer.
  var NARROW = window.matchMedia("(max-width: 76.234375em)");

  // A <label> may not carry role="button" (ARIA in HTML), so the button is a span inside it
  // holding the label's content; a click on it still reaches the label.
  function buttonIn(label, name, className) {
    var button = document.createElement("span");
    button.className = className;
    button.setAttribute("tabindex", "0");
    button.setAttribute("role", "button");
    button.setAttribute("aria-label", name);
    while (label.firstChild) button.appendChild(label.firstChild);
    label.appendChild(button);
    return button;
  }

  function firstShown(root) {
    var all = root.querySelectorAll('a[href], [role="button"][tabindex="0"]');
    for (var i = 0; i < all.length; i++) {
      if (all[i].checkVisibility && all[i].checkVisibility({ visibilityProperty: true }) && all[i].getClientRects().length) return all[i];
    }
    return null;
  }

  /* Enter or Space on a header or drawer button clicks its label, then `after` runs. Material's own
     key handler clicks focused labels on Enter too: stopped here, so there is one toggle only. */
  function pressClicks(button, label, after) {
    button.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      event.stopPropagation();
      label.click(); // toggles the checkbox and fires "change", which Material listens to
      after();
    });
  }

  function enhance(label) {
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle || label.dataset.toetsenbord) return;
    label.dataset.toetsenbord = "1";
    var button = buttonIn(label, NAMES[label.htmlFor], "toetsenbord-knop");
    var sync = function () { button.setAttribute("aria-expanded", String(toggle.checked)); };
    sync();
    toggle.addEventListener("change", sync);
    pressClicks(button, label, function () {
      sync();
      // Opened search: the cursor goes into the field (a click does that via the label).
      var input = document.querySelector(".md-search__input");
      if (label.htmlFor === "__search" && toggle.checked && input) input.focus();
      // Opened menu: the focus goes to its first link, not on to the header behind it.
      var drawer = document.querySelector(".md-sidebar--primary");
      if (label.htmlFor === "__drawer" && toggle.checked && drawer) {
        window.setTimeout(function () { var first = firstShown(drawer); if (first) first.focus(); }, 0);
      }
    });
    // Closing (Escape, or Material's Tab handling) drops the focus on the page body:
    // bring it back to the button that opened the drawer or search, if it is shown.
    toggle.addEventListener("change", function () {
      if (toggle.checked || label.offsetParent === null) return;
      var active = document.activeElement;
      if (!active || active === document.body) button.focus();
    });
  }

  /* The colour scheme toggle (mkdocs.yml theme.palette): one visible label at a time, for the
     radio of the next scheme. As a button, Enter or Space picks it; the focus moves to the
     button that takes its place. */
  function palette(label) {
    if (label.dataset.toetsenbord) return;
    label.dataset.toetsenbord = "1";
    var button = buttonIn(label, label.getAttribute("title") || "Kleurenschema", "toetsenbord-knop");
    pressClicks(button, label, function () {
      window.setTimeout(function () {
        var next = document.querySelector('label.md-header__button[for^="__palette_"]:not([hidden]) [role="button"]');
        if (next) next.focus();
      }, 0);
    });
  }

  /* The drawer's own labels: a section's label opens its panel, the title of a panel goes
     back a level, the active page's label opens its table of contents. Buttons on narrow
     screens only: on a wide screen they are hidden or mere headings. */
  function drawerLabel(label) {
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle || label.dataset.toetsenbord) return;
    label.dataset.toetsenbord = "1";
    // A section's opening label is only an arrow: its name is the section's, beside it.
    var text = (label.textContent.trim() ? label : label.parentElement).textContent.replace(/\s+/g, " ").trim();
    var name = label.classList.contains("md-nav__title") ? "Terug uit " + text
      : label.htmlFor === "__toc" ? "Inhoudsopgave van " + text : "Open " + text;
    var button = buttonIn(label, name, "toetsenbord-knop toetsenbord-knop--menu");
    var set = function () { button.tabIndex = NARROW.matches ? 0 : -1; };
    set();
    if (NARROW.addEventListener) NARROW.addEventListener("change", set);
    pressClicks(button, label, function () {
      // The level now shown gets the focus: an opened panel its first button or link (its
      // title, which goes back), a closed one the entry that opens it again.
      window.setTimeout(function () {
        var item = toggle.parentElement;
        var level = toggle.checked ? item.querySelector(":scope > nav") : item;
        var target = level && firstShown(level);
        if (target) target.focus();
      }, 0);
    });
  }

  /* Focus that leaves the open drawer (to the header behind it, or to the page it covers)
     closes it, as the overlay does for a click. */
  function drawer() {
    var toggle = document.getElementById("__drawer");
    var sidebar = document.querySelector(".md-sidebar--primary");
    if (!toggle || !sidebar) return;
    document.addEventListener("focusin", function (event) {
      if (!toggle.checked || !NARROW.matches || sidebar.contains(event.target)) return;
      if (event.target.closest('label[for="__drawer"]')) return;
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
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
    Array.prototype.forEach.call(document.querySelectorAll('label.md-header__button[for^="__palette_"]'), palette);
    Array.prototype.forEach.call(document.querySelectorAll(
      '.md-nav--primary label.md-nav__link[for], .md-nav--primary label.md-nav__title[for]:not([for="__drawer"])'), drawerLabel);
    drawer();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
