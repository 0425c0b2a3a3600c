// The page at an old address (overrides/hooks/doorverwijzing.py): go to the new page at once and keep
// the #anchor the reader followed, which the page's meta refresh alone would drop. Without script, the
// meta refresh and the visible link still lead there.
(function () {
  var link = document.querySelector("a[data-doorverwijzing]")
  if (!link) return
  var target = link.href
  if (location.hash) target = target.split("#")[0] + location.hash
  location.replace(target)
})()
