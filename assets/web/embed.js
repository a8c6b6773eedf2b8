/*
 * qcmap embed.js: include it in a page that frames qcmap's /embed or
 * /present, as <script src="https://YOUR-HOST/embed.js"></script>.
 *
 * - Every qcmap iframe takes the height its map asks for (the "resize"
 *   event); add data-qcmap-fixed to an iframe to keep its own height.
 * - In a reveal.js deck, on "ready" and "slidechanged", the current
 *   slide's data-qcmap-select (a partner id; "" closes the card) is sent
 *   to the qcmap iframes in that slide; a frame that loads after its
 *   slide is shown gets it when it says "ready". Without reveal.js, a
 *   frame in any element with data-qcmap-select gets it when ready.
 * - In reveal.js's speaker view (?receiver), the frames load the embed
 *   without WebAssembly (static=1): the previews show the map, but the
 *   deck does not load it three times over.
 * - Each event of a frame is also dispatched on its iframe element as a
 *   DOM event "qcmap:<eventName>" whose detail is the message.
 *
 * The deck API itself is described in the README ("Embed in a
 * presentation"). Only messages from this script's own origin are read.
 * ES5, no dependencies.
 */
(function () {
  "use strict";
  if (window.qcmapEmbed) {
    return; // included twice
  }
  var script = document.currentScript;
  if (!script) {
    var all = document.getElementsByTagName("script");
    for (var i = all.length - 1; i >= 0 && !script; i--) {
      if (/\/embed\.js(\?|#|$)/.test(all[i].src)) {
        script = all[i];
      }
    }
  }
  if (!script || !script.src) {
    return;
  }
  var a = document.createElement("a");
  a.href = script.src;
  var origin = a.protocol + "//" + a.host;
  // An explicit default port is not part of an origin.
  origin = origin.replace(/^(http:\/\/[^\/]*):80$/, "$1").replace(/^(https:\/\/[^\/]*):443$/, "$1");

  function isMap(src) {
    return typeof src === "string" && (src.indexOf(origin + "/embed") === 0 || src.indexOf(origin + "/present") === 0);
  }

  // frames returns the qcmap iframes in root (the document or a slide).
  function frames(root) {
    var out = [];
    var list = root.getElementsByTagName("iframe");
    for (var i = 0; i < list.length; i++) {
      if (isMap(list[i].src) || isMap(list[i].getAttribute("data-src"))) {
        out.push(list[i]);
      }
    }
    return out;
  }

  function frameOf(win) {
    var list = frames(document);
    for (var i = 0; i < list.length; i++) {
      if (list[i].contentWindow === win) {
        return list[i];
      }
    }
    return null;
  }

  function call(frame, method, args) {
    if (frame.contentWindow) {
      frame.contentWindow.postMessage({ method: method, args: args || [] }, origin);
    }
  }

  // sendSelection sends frame the selection of the slide it is in, if the
  // slide names one.
  function sendSelection(frame, slide) {
    if (!slide || !slide.hasAttribute("data-qcmap-select")) {
      return;
    }
    var id = slide.getAttribute("data-qcmap-select");
    if (id) {
      call(frame, "select", [id]);
    } else {
      call(frame, "clear");
    }
  }

  function slideOf(el) {
    for (; el && el !== document; el = el.parentNode) {
      if (el.nodeType === 1 && el.hasAttribute("data-qcmap-select")) {
        return el;
      }
    }
    return null;
  }

  function onSlide(event) {
    var slide = event && event.currentSlide;
    if (!slide && window.Reveal && window.Reveal.getCurrentSlide) {
      slide = window.Reveal.getCurrentSlide();
    }
    if (!slide) {
      return;
    }
    var list = frames(slide);
    for (var i = 0; i < list.length; i++) {
      sendSelection(list[i], slideOf(list[i]));
    }
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || typeof data !== "object" || data.namespace !== "qcmap") {
      return;
    }
    var frame = frameOf(event.source);
    if (!frame) {
      return;
    }
    if (data.eventName === "resize" && data.height > 0 && !frame.hasAttribute("data-qcmap-fixed")) {
      frame.style.height = Math.round(data.height) + "px";
    }
    if (data.eventName === "ready") {
      // A frame that loads after its slide was shown; one in another
      // slide gets its selection when that slide is shown.
      var slide = slideOf(frame);
      var R = window.Reveal;
      var current = R && typeof R.isReady === "function" && R.isReady() && R.getCurrentSlide();
      if (slide && current && (slide === current || slide.contains(current))) {
        sendSelection(frame, slide);
      } else if (slide && !R) {
        sendSelection(frame, slide);
      }
    }
    var e;
    try {
      e = new CustomEvent("qcmap:" + data.eventName, { detail: data });
    } catch (err) {
      e = document.createEvent("CustomEvent");
      e.initCustomEvent("qcmap:" + data.eventName, false, false, data);
    }
    frame.dispatchEvent(e);
  });

  // In the speaker view, the maps load without wasm.
  function speakerView() {
    if (!/[?&]receiver/i.test(location.search)) {
      return;
    }
    var list = frames(document);
    for (var i = 0; i < list.length; i++) {
      var attr = list[i].getAttribute("data-src") ? "data-src" : "src";
      var src = list[i].getAttribute(attr);
      if (src && !/[?&]static=1/.test(src)) {
        list[i].setAttribute(attr, src + (src.indexOf("?") < 0 ? "?" : "&") + "static=1");
      }
    }
  }

  var hooked = false;
  function hookReveal() {
    var R = window.Reveal;
    if (hooked || !R || typeof R.on !== "function") {
      return;
    }
    hooked = true;
    R.on("ready", onSlide);
    R.on("slidechanged", onSlide);
    if (typeof R.isReady === "function" && R.isReady()) {
      onSlide();
    }
  }

  function start() {
    speakerView();
    hookReveal();
  }
  start();
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  }
  window.addEventListener("load", hookReveal);

  window.qcmapEmbed = { origin: origin, frames: function () { return frames(document); }, call: call };
})();
