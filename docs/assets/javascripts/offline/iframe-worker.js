/*
 * Offline search from file://: a stand-in for Web Workers, which browsers refuse to start from
 * file:// pages. Material's search runs in a worker; the offline bundle loads this file first
 * (overrides/hooks/edition.py lists it as a polyfill), and on file:// pages `new Worker(url)`
 * then runs the worker's script in a hidden iframe of the page instead, passing messages the
 * way a worker would.
 *
 * Same idea as the npm package iframe-worker (MIT, Martin Donath), which Material's offline
 * plugin would load from a CDN. That shim starts the iframe with an inline <script>, which the
 * site's Content-Security-Policy (no 'unsafe-inline', overrides/hooks/csp.py) rightly blocks:
 * here the iframe only gets <script src> elements, our boot file and the worker itself, both
 * allowed as 'self'.
 */
(function () {
  "use strict"
  if (location.protocol !== "file:") return

  var boot = new URL("iframe-worker-boot.js", document.currentScript.src).href

  function attr(value) {
    return String(value).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;")
  }

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super()
      this.url = String(url)
      var iframe = document.createElement("iframe")
      iframe.hidden = true
      iframe.name = this.url  /* the boot file reports errors under the worker's URL */
      document.body.appendChild(this.iframe = iframe)
      this.onmessage = null
      this.onerror = null
      this._message = (event) => {
        if (event.source !== iframe.contentWindow) return
        var message = new MessageEvent("message", { data: event.data })
        this.dispatchEvent(message)
        if (this.onmessage) this.onmessage(message)
      }
      this._error = (event) => {
        if (event.filename !== this.url) return
        var error = new ErrorEvent("error", { message: event.message, filename: event.filename, error: event.error })
        this.dispatchEvent(error)
        if (this.onerror) this.onerror(error)
      }
      window.addEventListener("message", this._message)
      window.addEventListener("error", this._error)
      var doc = iframe.contentWindow.document
      doc.open()
      doc.write("<!doctype html><html><body>" +
        "<script src=\"" + attr(boot) + "\"></scr" + "ipt>" +
        "<script src=\"" + attr(this.url + (this.url.indexOf("?") < 0 ? "?" : "&") + Date.now()) + "\"></scr" + "ipt>" +
        "</body></html>")
      doc.close()
      this._ready = new Promise(function (resolve, reject) {
        iframe.contentWindow.onload = resolve
        iframe.contentWindow.onerror = reject
      })
    }

    postMessage(data) {
      var target = this.iframe.contentWindow
      this._ready.catch(function () {}).then(function () {
        target.dispatchEvent(new MessageEvent("message", { data: structuredClone(data) }))
      })
    }

    terminate() {
      window.removeEventListener("message", this._message)
      window.removeEventListener("error", this._error)
      this.iframe.remove()
    }
  }

  window.IFrameWorker = IFrameWorker
  window.Worker = IFrameWorker
})()
