/*
 * Dutch search that finds word forms: a thin wrapper around Material's own search worker.
 *
 * Why: Material appends a wildcard to every query term ("aankoop" becomes "aankoop*") and Lunr
 * skips its stemmer for wildcard terms, so with `lang: nl` search is prefix-only: "aankoop" misses
 * "aankopen", "weekmakers" misses "weekmaker", "duurzame" misses "duurzaam".
 *
 * How: Material lets a site supply its own search worker (the "search" URL in the page's
 * __config; overrides/main.html points it here and passes Material's worker file name after '#').
 * This file loads Material's worker unchanged and only rewrites the messages it receives:
 *
 * - SETUP (the search index): every document gets two extra fields, nl_title and nl_text, holding
 *   each word twice: "folded" (lower case, no accents, double letters single: aankoop -> ankop)
 *   and as a "key" (folded, with Dutch inflection endings removed: aankopen -> ankop,
 *   weekmakers -> wekmaker, zakjes -> zak, gerecycleerd -> recycler). Glossary entries
 *   (data/begrippen.yml, put in the index's config by overrides/hooks/search_nl.py) are
 *   synonym groups: a document that contains the term or any alias gets the others too, so
 *   "LCA" finds pages that say "levenscyclusanalyse".
 * - QUERY: each typed word becomes its key (Material adds the wildcard: "ankop*"). A key is
 *   nearly always a prefix of the word's folded form, so prefix search, compound words and
 *   half-typed words keep working, and inflected forms now meet on the same key. A word whose
 *   key starts no indexed word at all (a typo) also gets a fuzzy clause "key~1". Dutch stop
 *   words are dropped from multi-word queries.
 * - RESULT: Material reports per result which query terms it matched ("Ontbreekt: ..."); the
 *   keys are mapped back to the words the user typed, and words found through their key are
 *   highlighted like Material highlights its own matches.
 *
 * The normalisation lives in this one file and runs on both sides (index and query), so the
 * two can never disagree, and the enriched index is built in the browser instead of being
 * shipped (no extra bytes). Page weight: the full index, Material's worker and Lunr are only
 * loaded on the first query (see "loaded on the first query" below). Works the same in the
 * offline bundle (iframe-worker shim, file://).
 *
 * Known limits: no compound splitting ("marktdialoog" does not find "dialoog met de markt"
 * unless the glossary lists it as an alias); irregular forms (ge- participles of -eren verbs are
 * covered, strong verbs like "kocht"/"kopen" are not).
 */
(function () {
  "use strict"

  /* Material's message types (SearchMessageType in Material's source) */
  const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3

  /* ------------------------------------------------------------------------
   * Dutch normalisation
   * --------------------------------------------------------------------- */

  /* Lower case, no accents (strategieën -> strategieen), no apostrophes (foto's -> fotos) */
  function fold(word) {
    return word.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f'’]/g, "")
  }

  /* aa, ee, oo, uu, kk, ll, ... -> one letter: aankoop and aankopen then share "ankop" */
  function single(word) {
    return word.replace(/([a-z])\1+/g, "$1")
  }

  /* Inflection endings, tried in order; the first that leaves at least 3 letters is removed.
     Diminutives first (zakje, boompje, karretje), then plurals and adjective/verb endings. */
  const DIMINUTIVES = [
    [/([bdfgklmnprst])\1etjes?$/, "$1"],   /* karretje -> kar, balletjes -> bal */
    [/mpjes?$/, "m"],                        /* boompje -> boom */
    [/([aeiouy][aeiouy]|[lnrw])tjes?$/, "$1"], /* schoentje -> schoen, stoeltjes -> stoel */
    [/jes?$/, ""]                            /* zakje -> zak, flesjes -> fles */
  ]
  const ENDINGS = [
    [/heden$/, "heid"],                      /* mogelijkheden -> mogelijkheid */
    [/([ir])(um|a)$/, "$1"],                 /* criterium, criteria -> criteri; centra */
    [/(en|e|s)$/, ""]                        /* aankopen, duurzame, weekmakers, fotos */
  ]
  const NOUNS = [
    [/ing$/, "", 4],                         /* verpakking -> verpakk(en), inzameling -> inzamel(en) */
    [/st$/, "", 5]                           /* goedkoopst(e) -> goedkoop, duurzaamst(e) -> duurzaam */
  ]

  function strip(word, rules) {
    for (const [pattern, replacement, min = 3] of rules)
      if (pattern.test(word)) {
        const stem = word.replace(pattern, replacement)
        return stem.length >= min ? stem : word
      }
    return word
  }

  /* The key of a word: inflected forms of one word get the same key, and the key is (but for
     dozen -> dos, brieven -> brief) a prefix of the word's own folded form, so a key query
     finds at least what the word itself would find. */
  function key(word) {
    let w = fold(word)
    if (w.length <= 3 || /\d/.test(w))
      return w                               /* LCA, TCO, ISO 14024: as they are */
    const diminutive = strip(w, DIMINUTIVES)
    w = diminutive !== w ? diminutive : strip(strip(w, ENDINGS), NOUNS)
    if (/[bcdfghjklmnpqrstvwxz][td]$/.test(w) && w.length >= 6)
      w = w.slice(0, -1)                     /* verb forms: gebruikt, hersteld, recycleert */
    w = w.replace(/z$/, "s").replace(/v$/, "f") /* dozen -> doos, brieven -> brief */
    return single(w)
  }

  /* Words of a text (HTML tags and entities dropped, split at anything not a letter or digit) */
  function words(text) {
    return String(text || "")
      .replace(/<[^>]*>/g, " ")
      .replace(/&[a-z]+;|&#\d+;/gi, " ")
      .split(/[^\p{L}\p{N}'’]+/u)
      .map(w => w.replace(/^['’]+|['’]+$/g, ""))
      .filter(w => w.length > 0)
  }

  /* "R-strategieën", "OK-textiel", "GPP-criteria": a short first part that is no word of its own
     (one to three letters) joined to the next word gives one more token, "rstrategie", so the
     query "r strategieen" (or "OK textiel") can ask for the pair instead of every word
     starting with "r". */
  const SHORT_PART = /(?:^|[^\p{L}\p{N}])(\p{L}{1,3})[-\u2010\u2011](\p{L}[\p{L}\p{N}]*)/gu

  function joined(first, second) {
    return single(fold(first)) + key(second)
  }

  function compounds(text) {
    const plain = String(text || "").replace(/<[^>]*>/g, " ")
    return [...plain.matchAll(SHORT_PART)].map(m => joined(m[1], m[2]))
  }

  /* Index tokens of a word: its folded form, its key, and for a participle (gerecycleerd,
     gebruikt) the key without "ge", so it meets the infinitive (recycleren). */
  function tokens(word) {
    const folded = single(fold(word)), k = key(word), out = [folded]
    if (k !== folded)
      out.push(k)
    if (/^ge.{5,}[td]$/.test(fold(word)))
      out.push(key(fold(word).slice(2)))
    return out
  }

  /* ------------------------------------------------------------------------
   * Index enrichment (SETUP)
   * --------------------------------------------------------------------- */

  let vocabulary = []                        /* sorted index tokens, for the typo check */
  let rawExpansions = []                     /* [[buyer's phrases], [site words]] from the index */
  let expansions = null                      /* first key of a buyer's phrase -> [{ keys, also }] */

  function expansionIndex() {
    const out = new Map()
    for (const [typedWords, extra] of rawExpansions)
      for (const phrase of typedWords) {
        /* the query loses its stop words ("opdracht van beperkte waarde"), so the phrase does too */
        const all = words(phrase), content = all.filter(x => !stopWord(x.toLowerCase()))
        const keys = (content.length ? content : all).map(key)
        if (!keys.length)
          continue
        const also = extra.flatMap(w => {
          const list = words(w)
          const plain = list.filter(x => !stopWord(x.toLowerCase()))
          return [...(plain.length ? plain : list).map(key), ...compounds(w)]
        })
        if (!out.has(keys[0]))
          out.set(keys[0], [])
        out.get(keys[0]).push({ keys, also })
      }
    return out
  }

  /* Glossary synonym groups, looked up by the key of each phrase's first word */
  function synonymIndex(groups) {
    const byFirst = new Map()
    groups.forEach((group, g) => {
      for (const phrase of group) {
        const keys = words(phrase).map(key)
        if (!keys.length)
          continue
        if (!byFirst.has(keys[0]))
          byFirst.set(keys[0], [])
        byFirst.get(keys[0]).push({ g, keys })
      }
    })
    return byFirst
  }

  /* Groups (by number) whose term or an alias occurs as a run of words in `keys` */
  function groupsIn(keys, byFirst) {
    const found = new Set()
    keys.forEach((k, i) => {
      for (const { g, keys: phrase } of byFirst.get(k) || [])
        if (!found.has(g) && phrase.every((p, j) => keys[i + j] === p))
          found.add(g)
    })
    return found
  }

  function enrich(index) {
    const { config, docs } = index
    const groups = Array.isArray(config.nl_synonyms) ? config.nl_synonyms : []
    const byFirst = synonymIndex(groups)
    const seen = new Set()

    /* Tokens of a field's words, plus the glossary synonyms of the terms it contains */
    const field = text => {
      const list = words(text), extra = []
      for (const g of groupsIn(list.map(key), byFirst))
        for (const phrase of groups[g]) {
          extra.push(...words(phrase))
          extra.push(...compounds(phrase))
        }
      const out = [...list, ...extra].flatMap(tokens).concat(compounds(text))
      for (const token of out)
        seen.add(token)
      return out.join(" ")
    }

    for (const doc of docs) {
      doc.nl_title = field(doc.title)
      doc.nl_text = field(doc.text)
      if (typeof doc.nl_keys === "string")   /* an entry's own search words (search_nl.py) */
        doc.nl_keys = field(doc.nl_keys)
      if (Array.isArray(doc.tags))
        doc.nl_tags = doc.tags.map(tag => words(tag).flatMap(tokens).join(" "))
    }
    vocabulary = [...seen].sort()

    /* The buyer's words (data/zoekwoorden.yml), indexed on the first query: Lunr's Dutch stop
       words are only loaded once Material has the index */
    rawExpansions = Array.isArray(config.nl_expansions) ? config.nl_expansions : []
    expansions = null

    /* Same weights as Material's own title, text and tags fields; an entry's search words
       weigh like its title */
    const fields = config.fields || {}
    const boost = (name, fallback) => ({ boost: (fields[name] || {}).boost || fallback })
    fields.nl_title = boost("title", 1e3)
    fields.nl_text = boost("text", 1)
    fields.nl_tags = boost("tags", 1e6)
    fields.nl_keys = boost("title", 1e3)
    config.fields = fields
    delete config.nl_synonyms
    delete config.nl_expansions
    delete config.nl_topics
    return index
  }

  /* Does any indexed token start with the given prefix? (binary search) */
  function known(prefix) {
    let lo = 0, hi = vocabulary.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (vocabulary[mid] < prefix) lo = mid + 1
      else hi = mid
    }
    return lo < vocabulary.length && vocabulary[lo].startsWith(prefix)
  }

  /* ------------------------------------------------------------------------
   * Query rewriting (QUERY) and term mapping (RESULT)
   * --------------------------------------------------------------------- */

  /* Dutch stop words (de, het, in, van, ...), from the lunr.nl that Material's worker loads, and
     words of a question that say nothing about its subject ("mag ik een label eisen", "welke
     criteria gebruik ik") */
  const QUESTION_WORDS = new Set(["mag", "mogen", "welk", "welke", "waar", "waarom", "wanneer", "hoeveel",
    "kun", "kunt", "moeten", "we", "wij", "jullie", "onze", "eigenlijk", "best", "nodig", "gaat", "doe", "doet"])

  function stopWord(word) {
    const nl = self.lunr && self.lunr.nl
    return QUESTION_WORDS.has(word) || Boolean(nl && nl.stopWordFilter && !nl.stopWordFilter(word))
  }

  const WHOLE_WORD = 2                       /* boost of a whole-word match over a prefix match */

  let typed = new Map()                      /* clause term -> the words the user typed it for */
  let marks = []                             /* keys of the typed words, for highlighting */
  let asked = []                             /* the typed words that count for the ranking */

  function clauseFor(clause, ...raws) {
    const term = clause.replace(/~1$/, "")
    typed.set(term, [...new Set([...(typed.get(term) || []), ...raws])])
  }

  function rewrite(query) {
    typed = new Map()
    marks = []
    asked = []
    expansions = expansions || expansionIndex()
    const out = []
    const parts = query.trim().split(/\s+/).filter(Boolean)

    /* Material adds a wildcard to every term and Lunr then skips its stop word filter, so
       "weekmakers in pvc" would also look for in* (inzameling, industrieel, ...). Drop stop
       words and question words ("hoe begin ik"), unless the query is nothing else. */
    const plain = parts.flatMap(part => /^[+\-]|[~^*:"]/.test(part) ? [] : words(part))
    const dropStops = plain.some(word => !stopWord(word.toLowerCase()))

    const kept = []                          /* the typed words left, in order: [raw, key] */
    for (const part of parts) {
      /* Lunr syntax typed on purpose (+must -not fuzzy~1 boost^2 wild* field: "phrase"): keep */
      if (/^[+\-]|[~^*:"]/.test(part)) {
        out.push(part)
        continue
      }
      for (const word of words(part)) {
        const raw = word.toLowerCase()
        if (dropStops && stopWord(raw))
          continue
        kept.push([raw, key(word), word])
      }
    }

    /* A phrase of data/zoekwoorden.yml in the query (by keys, so "marktconsultaties" counts):
       its site words are searched too, on behalf of the phrase's words */
    const keys = kept.map(([, k]) => k)
    keys.forEach((k, i) => {
      for (const { keys: phrase, also } of expansions.get(k) || [])
        if (phrase.every((p, j) => keys[i + j] === p || (j === phrase.length - 1 && keys[i + j] && keys[i + j].startsWith(p)))) {
          const owners = kept.slice(i, i + phrase.length).map(([raw]) => raw)
          for (const extra of also)
            if (!typed.has(extra)) {
              out.push(extra)
              clauseFor(extra, ...owners)
            } else
              clauseFor(extra, ...owners)
        }
    })

    kept.forEach(([raw, k, word], i) => {
      asked.push(raw)
      /* "r strategieen", "ok textiel": a one- or two-letter word asks for the pair it starts
         ("rstrategie", see compounds), not for every word that starts with its letter */
      const next = kept[i + 1]
      if (raw.length <= 2 && next && /^\p{L}+$/u.test(raw)) {
        const pair = joined(raw, next[2])
        out.push(pair)
        clauseFor(pair, raw, next[0])
        marks.push(pair)
        return
      }

      /* The key clause finds everything the word itself would find (the nl_ fields hold
         every word folded), so the word is only kept when its key is not a prefix of it
         (dozen -> dos). Both clauses would also make Material rank pages with the exact
         form above pages with another form of the word. */
      const clauses = single(fold(word)).startsWith(k) || raw === k ? [k] : [raw, k]
      if (k.length >= 5 && vocabulary.length && !known(k))
        clauses.push(`${k}~1`)               /* a typo: allow one edit */
      for (const clause of clauses)
        clauseFor(clause, raw)
      out.push(...clauses)
      /* The whole word weighs more than a word it only starts: "leveranciers" is about
         suppliers, "leveranciersmanagement" less so. A boost ("^") keeps Material from adding
         its wildcard, so this clause only meets the word's own forms. */
      if (k.length >= 3)
        out.push(`${k}^${WHOLE_WORD}`)
      marks.push(k)
    })
    return out.join(" ")
  }

  /* A typed word counts as found when any of its clauses matched */
  function mapTerms(terms) {
    const out = {}
    for (const [term, found] of Object.entries(terms || {}))
      for (const word of typed.get(term) || [term])
        out[word] = Boolean(out[word] || found)
    return out
  }

  /* Rank result pages by how many of the typed words they answer, then by Material's score.
     Material boosts a whole page over its sections (up to 2.5 times), so a page that matches one
     word of "linnen huren" everywhere outranked the section titled with both words. */
  function coverage(group) {
    let best = 0
    for (const item of group)
      best = Math.max(best, asked.filter(word => item.terms && item.terms[word]).length)
    return best
  }

  function rank(groups) {
    if (asked.length < 2)
      return groups
    return groups
      .map((group, position) => ({ group, position, covered: coverage(group) }))
      .sort((a, b) => b.covered - a.covered || a.position - b.position)
      .map(({ group }) => group)
  }

  /* Material highlights the words its own fields matched; a word found through its key (the
     query said aankoop, the text says aankopen) is marked here, outside tags and marks. */
  function highlight(html) {
    if (typeof html !== "string" || !marks.length)
      return html
    let inMark = 0
    return html.split(/(<[^>]*>)/).map(part => {
      if (part.startsWith("<")) {
        if (/^<mark\b/i.test(part)) inMark++
        else if (/^<\/mark>/i.test(part)) inMark = Math.max(0, inMark - 1)
        return part
      }
      if (inMark)
        return part
      return part.replace(/[\p{L}\p{N}'’]+/gu, word =>
        tokens(word).some(t => marks.some(m => t.startsWith(m))) ? `<mark>${word}</mark>` : word
      )
    }).join("")
  }

  function outgoing(message) {
    if (message && message.type === RESULT && message.data && Array.isArray(message.data.items)) {
      for (const group of message.data.items)
        for (const item of group) {
          item.terms = mapTerms(item.terms)
          item.title = highlight(item.title)
          item.text = highlight(item.text)
          delete item.nl_title                 /* only needed inside the worker */
          delete item.nl_text
          delete item.nl_tags
          delete item.nl_keys
        }
      message.data.items = rank(message.data.items)
    }
    return message
  }

  /* ------------------------------------------------------------------------
   * Wrap Material's worker, loaded on the first query
   * --------------------------------------------------------------------- */

  /* Our own URL: in a real worker self.location; under the iframe-worker shim (file://, the
     offline bundle) this script runs in an iframe whose base is the page, so use the script's
     src. The shim appends "?<timestamp>", which lands after our "#<file>". */
  const here = typeof document !== "undefined" && document.currentScript
    ? document.currentScript.src
    : self.location.href
  const material = decodeURIComponent(new URL(here).hash.slice(1)).split("?")[0]
  if (!/^search\.[\w.]+\.js$/.test(material))
    throw new Error(`search-nl.js: Material's worker file expected after '#', got '${material}'`)
  const siteRoot = new URL("../../../", here)  /* this file is <site>/assets/javascripts/workers/ */

  /* Material's worker registers one "message" listener and answers with postMessage. We keep
     its listener and call it ourselves; its answers are mapped on the way out. */
  let materialListener = null
  let materialReady = null                   /* resolves when Material answers our SETUP */
  const nativeAddEventListener = self.addEventListener.bind(self)
  self.addEventListener = function (type, listener, options) {
    if (type !== "message")
      return nativeAddEventListener(type, listener, options)
    materialListener = listener
  }
  const nativePostMessage = self.postMessage.bind(self)
  self.postMessage = function (message, ...rest) {
    if (message && message.type === READY && materialReady) {
      materialReady()                        /* the page was told READY long ago */
      materialReady = null
      return
    }
    return nativePostMessage(outgoing(message), ...rest)
  }

  /* Page weight: Material's page fetches search/search_index.json on every first visit, and
     its worker loads Lunr at once. overrides/hooks/search_nl.py leaves only the pages' locations
     and titles in that file and puts the full index next to it (config.nl_full); the full index,
     Material's worker and Lunr are loaded here on the first query. In the offline bundle the
     file is complete and nl_full absent. If the full index cannot be loaded, search works on
     the page titles. */
  let setup = null                           /* the SETUP message from the page */
  let loading = null

  function load(announce = false) {
    return loading || (loading = (async () => {
      await importScripts(new URL(material, here).href)
      const index = setup.data
      const full = index.config && index.config.nl_full
      if (full)
        try {
          const response = await fetch(new URL(full, siteRoot))
          if (!response.ok)
            throw new Error(`${response.status} ${response.statusText}`)
          /* the stub holds page titles and Material's own config keys; the sections and the
             nl_* lists (synonyms, expansions) come with the full index */
          const complete = await response.json()
          index.docs = complete.docs
          index.config = { ...index.config, ...complete.config }
        } catch (err) {
          console.warn(`search-nl.js: ${full} not loaded (${err}); searching titles only`)
          for (const doc of index.docs)
            doc.text = doc.text || ""         /* Material's result list expects a text */
        }
      delete index.config.nl_full
      const ready = new Promise(resolve => { materialReady = resolve })
      materialListener({ data: { ...setup, data: enrich(index) } })
      await ready
      if (announce)
        nativePostMessage({ type: READY })
    })())
  }

  /* Queries are answered in the order they came in */
  let queue = Promise.resolve()
  nativeAddEventListener("message", ev => {
    const message = ev.data
    if (!message || typeof message !== "object")
      return
    if (message.type === SETUP) {
      setup = message
      if (message.data && message.data.config && message.data.config.nl_full) {
        nativePostMessage({ type: READY })   /* the index follows on the first query */
      } else {
        /* Offline bundle (file://): Material sends SETUP only when search is opened, with
           the full index: set up at once and let Material's own READY through. */
        queue = queue.then(() => load(true)).catch(err => console.error("search-nl.js:", err))
      }
      return
    }
    /* The page sends the empty query at start-up: answer it without loading anything */
    if (message.type === QUERY && typeof message.data === "string" && !message.data.trim() && !loading) {
      queue = queue.then(() => nativePostMessage({ type: RESULT, data: { items: [] } }))
      return
    }
    if (message.type === QUERY && typeof message.data === "string" && setup)
      queue = queue
        .then(load)
        .then(() => materialListener({ data: { ...message, data: rewrite(message.data) } }))
        .catch(err => console.error("search-nl.js:", err))
  })
})()
