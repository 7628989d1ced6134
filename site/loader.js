// OpenRAS: if the calculator's program cannot start, say so on the page
// rather than leave it waiting. The page's text, the methodology and the
// worked example are already there without it.
(function () {
  "use strict";
  var message = "The calculator could not start in this browser. " +
    "The methodology and the worked example on this page still work; " +
    "try reloading, or another browser.";

  function fail() {
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

  // go-app writes the error into the loader's label when WebAssembly fails to
  // load; a label that no longer shows progress means it failed.
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
      if (text !== message && !/%$/.test(text)) {
        fail();
      }
    }).observe(label, { childList: true, characterData: true, subtree: true });
  });

  // A program that stops after it has started leaves the page as it was.
  window.addEventListener("unhandledrejection", fail);
})();
