// OpenRAS: the page's own script, before its program runs and after.
//
// Nothing typed in a form of this site is sent anywhere: every submission is
// stopped here, before the program has loaded and after, and the program
// works the answers out in the browser. (The prerendered form is disabled
// until the program draws its own, so this is the second guard, not the
// first.)
//
// The loading line shows real progress, or none: never "NaN%", which a host
// that sends no length would otherwise give.
//
// If the calculator's program cannot start, the page says so rather than
// leave it waiting. The page's text, the methodology and the worked example
// are already there without it.
(function () {
  "use strict";
  var message = "The calculator could not start in this browser. " +
    "The methodology and the worked example on this page still work; " +
    "try reloading, or another browser.";
  var waiting = "Loading the calculator…";

  document.addEventListener("submit", function (e) {
    e.preventDefault();
  }, true);

  function fail() {
    var ready = document.getElementById("getting-ready");
    if (ready) {
      ready.textContent = message;
    }
    var label = document.getElementById("app-wasm-loader-label");
    var loader = document.getElementById("app-wasm-loader");
    if (label && loader) {
      label.textContent = message;
      loader.className = "goapp-app-info loader-failed";
      loader.setAttribute("role", "alert");
      return;
    }
    if (document.getElementById("stopped")) {
      return;
    }
    var banner = document.createElement("p");
    banner.id = "stopped";
    banner.className = "stopped";
    banner.setAttribute("role", "alert");
    banner.textContent = "The calculator stopped working. Reload the page to start it again.";
    document.body.insertBefore(banner, document.body.firstChild);
  }

  // go-app writes "Loading the calculator: N%" into the loader's label as the
  // program arrives, and its error when WebAssembly fails to load: a label
  // that shows neither progress nor waiting means it failed.
  window.addEventListener("DOMContentLoaded", function () {
    var loader = document.getElementById("app-wasm-loader");
    var label = document.getElementById("app-wasm-loader-label");
    var icon = document.getElementById("app-wasm-loader-icon");
    if (loader) {
      // A small status line: announced politely, its spinning icon silent.
      loader.setAttribute("role", "status");
      loader.setAttribute("aria-label", "Loading");
    }
    if (icon) {
      icon.setAttribute("alt", "");
    }
    if (!label || !window.MutationObserver) {
      return;
    }
    new MutationObserver(function () {
      var text = label.textContent;
      if (text === message || text === waiting) {
        return;
      }
      var progress = /^Loading the calculator: (.*)%$/.exec(text);
      if (!progress) {
        fail();
        return;
      }
      var n = Number(progress[1]);
      if (progress[1] === "" || !isFinite(n) || n < 0 || n > 100) {
        label.textContent = waiting;
      }
    }).observe(label, { childList: true, characterData: true, subtree: true });
  });

  // A program that stops after it has started leaves the page as it was.
  window.addEventListener("unhandledrejection", fail);
})();
