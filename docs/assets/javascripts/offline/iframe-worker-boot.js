/*
 * Runs first inside the hidden iframe of iframe-worker.js: gives the worker script the two
 * things a worker has and a page has not. postMessage() sends to the page (as a worker's
 * postMessage sends to its owner); importScripts() loads scripts one after the other (here
 * asynchronously, which Material's worker and ours tolerate). Errors go to the page under the
 * worker's URL (the iframe's name).
 *
 * It then removes its own <script> element: Material's worker finds its Lunr files next to
 * "the first script[src]" of the iframe, which must be the worker itself.
 */
(function () {
  "use strict"
  document.currentScript.remove()
  var owner = parent
  window.postMessage = function (data) {
    owner.postMessage(data, "*")
  }
  window.importScripts = function () {
    var urls = Array.prototype.slice.call(arguments)
    return urls.reduce(function (done, url) {
      return done.then(function () {
        return new Promise(function (resolve, reject) {
          var script = document.createElement("script")
          script.src = url
          script.onload = resolve
          script.onerror = reject
          document.body.appendChild(script)
        })
      })
    }, Promise.resolve())
  }
  window.addEventListener("error", function (event) {
    owner.dispatchEvent(new ErrorEvent("error", { message: event.message, filename: window.name, error: event.error }))
  })
})()
