/*
 * The search dialog's help (issue 25), on every page, online and from file://.
 *
 * - While the index loads: the first query after a page loads waits for the full index
 *   (search-nl.js loads it then); Material meanwhile keeps "Typ om te beginnen met zoeken", which
 *   reads as if nothing was typed. Say "Zoekindex wordt geladen…" until Material's answer replaces it.
 * - No results: show the help block of overrides/partials/search.html (the purchase guide, the
 *   product groups, the most searched topics from data/zoekwoorden.yml); a topic is searched at once.
 *
 * Material's texts are read from the block's data attributes (its Dutch translations), so this file
 * holds no copy of them. Loaded as a file (mkdocs.yml extra_javascript): the CSP allows no inline script.
 */
(function () {
  "use strict"

  function init() {
    const input = document.querySelector("input.md-search__input")
    const meta = document.querySelector(".md-search-result__meta")
    const help = document.querySelector("[data-zoekhulp]")
    if (!input || !meta || !help)
      return
    const text = el => el.textContent.replace(/\s+/g, " ").trim()
    const waiting = () => [help.dataset.leeg, help.dataset.start].includes(text(meta))

    /* Material answers through its worker, so its text for this keystroke always comes after ours */
    input.addEventListener("input", () => {
      if (input.value.trim() && waiting())
        meta.textContent = help.dataset.laden
      update()
    })

    function update() {
      help.hidden = !(input.value.trim() && text(meta) === help.dataset.geen)
    }
    new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true })

    help.addEventListener("click", ev => {
      const topic = ev.target.closest("button[data-zoekterm]")
      if (!topic)
        return
      input.value = topic.dataset.zoekterm
      input.focus()
      input.dispatchEvent(new Event("input", { bubbles: true }))
      input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }))
    })
  }

  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", init)
  else
    init()
})()
