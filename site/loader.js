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
//
// If the program stops after it has started (a Go panic, or the WebAssembly
// instance exiting), nothing on the page follows what is typed any more: the
// page says so in a banner, and takes away the figures the program worked
// out, which it can no longer vouch for.
(function () {
  "use strict";
  // program is the address of the page's program, as its preload names it
  // (read when asked for, wherever the preload is in the page's head): the
  // calculator's app.wasm, or councillor.wasm on the
  // scenario and cohort pages, which a visit to the calculator alone does
  // not keep for use offline.
  function program() {
    var preload = document.querySelector('link[rel="preload"][type="application/wasm"]');
    return preload ? preload.href : undefined;
  }

  // message says the page's program could not start.
  function message() {
    if (/\/councillor\.wasm$/.test(program() || "")) {
      return "The scenario and cohort tools could not start in this browser. " +
        "The page's text still shows; try reloading (with no connection, they work only once " +
        "they have been opened with one), or another browser.";
    }
    return "The calculator could not start in this browser. " +
      "The methodology and the worked example on this page still work; " +
      "try reloading, or another browser.";
  }
  // What is loading, as the page's loading line names it (wasm/native.go,
  // program.what): the calculator, or on the scenario and cohort pages the
  // councillors' tools.
  var loading = /^Loading (the calculator|the scenario and cohort tools): (.*)%$/;
  var waiting = /^Loading (the calculator|the scenario and cohort tools)…$/;
  var crashed = "Something went wrong in the calculator: reload the page.";

  // The figures the program works out from what is typed: a region marked
  // data-figures, the calculator's result, the scenario page's comparison,
  // charts and cohort summary, the cohort page's results. e2e/tests/
  // hostile.test.mjs checks that each of these is on its page.
  var figures = "main [data-figures], main #result, main .result, main .compare, " +
    "main .charts, main #impact-summary, main #cohort-results";

  document.addEventListener("submit", function (e) {
    e.preventDefault();
  }, true);

  // The service worker is registered once the page's program has arrived
  // (started) or could not start (fail), not as go-app's app.js asks, as
  // the page opens. Installing, the worker downloads the site's pages, the
  // reports' text and the rest it keeps for use offline, about 120 KB: on a
  // phone's first visit those shared the one link with the program, most of
  // the page's bytes, and held back the family's answer by about half a
  // second. app.js's registration waits here until then; a repeat visit's,
  // which only looks for a new version, waits too.
  var worker = { held: [], free: false };
  try {
    var container = navigator.serviceWorker;
    if (container && typeof container.register === "function") {
      var register = container.register.bind(container);
      container.register = function (url, options) {
        if (worker.free) {
          return register(url, options);
        }
        return new Promise(function (resolve, reject) {
          worker.held.push(function () { register(url, options).then(resolve, reject); });
        });
      };
    }
  } catch (e) {
    // The worker is then registered as app.js asks.
  }
  window.addEventListener("load", function () {
    // A page that loads no program (go-app loads none for a crawler)
    // registers the worker once the page has loaded.
    if (!document.getElementById("app-wasm-loader")) {
      registerWorker();
    }
  });
  function registerWorker() {
    if (worker.free) {
      return;
    }
    worker.free = true;
    var held = worker.held.splice(0);
    for (var i = 0; i < held.length; i++) {
      held[i]();
    }
  }

  // fail says the program could not start, or, once it has, that it has
  // stopped: with hasExited, it has exited, and its figures are taken away.
  function fail(hasExited) {
    registerWorker();
    var ready = document.getElementById("getting-ready");
    if (ready) {
      ready.textContent = message();
    }
    var label = document.getElementById("app-wasm-loader-label");
    var loader = document.getElementById("app-wasm-loader");
    if (label && loader) {
      label.textContent = message();
      loader.className = "goapp-app-info loader-failed";
      loader.setAttribute("role", "alert");
      return;
    }
    if (hasExited === true) {
      withdraw();
    }
    if (document.getElementById("stopped")) {
      return;
    }
    var banner = document.createElement("p");
    banner.id = "stopped";
    banner.className = "stopped";
    banner.setAttribute("role", "alert");
    banner.textContent = crashed;
    document.body.insertBefore(banner, document.body.firstChild);
  }

  // withdraw hides the figures the program worked out.
  function withdraw() {
    var hide = document.querySelectorAll(figures);
    for (var i = 0; i < hide.length; i++) {
      hide[i].hidden = true;
      hide[i].style.display = "none";
      hide[i].setAttribute("data-withdrawn", "");
    }
  }

  function exited() {
    fail(true);
  }

  // watch wraps the run of Go's WebAssembly support (wasm_exec.js), whose
  // promise settles when the program exits: the page's program never
  // exits of itself, so that is a failure, a panic's exit included.
  function watch(Go) {
    if (typeof Go !== "function" || !Go.prototype || typeof Go.prototype.run !== "function" || Go.prototype.run.openras) {
      return;
    }
    var run = Go.prototype.run;
    Go.prototype.run = function (instance) {
      var done = run.call(this, instance);
      done.then(exited, exited);
      started();
      return done;
    };
    Go.prototype.run.openras = true;
  }

  // wasm_exec.js, a deferred script, defines Go after this script has run
  // and before go-app's app.js starts the program: Go is watched as it is
  // defined, or, if the browser will not let the global be watched, when
  // the page has been read (before the program arrives).
  try {
    var defined;
    Object.defineProperty(window, "Go", {
      configurable: true,
      enumerable: true,
      get: function () { return defined; },
      set: function (v) { defined = v; watch(v); },
    });
  } catch (e) {
    // watched at DOMContentLoaded below
  }
  window.addEventListener("error", function (e) {
    // A callback into a program that has exited.
    if (e && /Go program has already exited/.test(String(e.message))) {
      exited();
    }
  });

  // go-app writes "Loading the calculator: N%" (on the scenario and cohort
  // pages, "Loading the scenario and cohort tools: N%") into the loader's
  // label as the program arrives, and its error when WebAssembly fails to
  // load: a label that shows neither progress nor waiting means it failed.
  window.addEventListener("DOMContentLoaded", function () {
    watch(window.Go);
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
    if (label) {
      writeOnlyChanges(label);
    }
    if (!label || !window.MutationObserver) {
      return;
    }
    new MutationObserver(function () {
      var text = label.textContent;
      if (text === message() || waiting.test(text)) {
        return;
      }
      var progress = loading.exec(text);
      if (!progress) {
        fail();
        return;
      }
      var n = Number(progress[2]);
      if (progress[2] === "" || !isFinite(n) || n < 0 || n > 100) {
        label.textContent = "Loading " + progress[1] + "…";
      }
    }).observe(label, { childList: true, characterData: true, subtree: true });
  });

  // writeOnlyChanges makes the loader's label take go-app's writes only
  // when they change its text. go-app writes the percentage once for every
  // piece of app.wasm that arrives, a thousand times or more, mostly the
  // same figure; each write made the browser lay out and paint the page
  // again: on a phone's first visit, most of its main thread while the
  // program downloads, with the page being read meanwhile. A figure that
  // changes is written as before.
  function writeOnlyChanges(label) {
    var proto = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "innerText");
    if (!proto || typeof proto.set !== "function" || typeof proto.get !== "function") {
      return;
    }
    try {
      Object.defineProperty(label, "innerText", {
        configurable: true,
        get: function () { return proto.get.call(label); },
        set: function (v) {
          var text = String(v);
          if (text !== label.textContent || text.indexOf("\n") >= 0) {
            proto.set.call(label, text);
          }
        },
      });
    } catch (e) {
      // Written as go-app writes it.
    }
  }

  // A promise of the program (or of go-app's loading) refused and never
  // handled: the program may no longer be working.
  window.addEventListener("unhandledrejection", function () { fail(); });

  // started tells the service worker that the page's program has arrived,
  // and which it is (the calculator's app.wasm, or councillor.wasm on the
  // scenario and cohort pages: the page's preload names it): on a first
  // visit the worker stores it only then, from the browser's HTTP cache,
  // rather than download it a second time beside the page (wasm/worker.js).
  // Only a worker of the same version stores it.
  function started() {
    registerWorker();
    var sw = navigator.serviceWorker;
    if (!sw || typeof window.goappGetenv !== "function") {
      return;
    }
    var version = window.goappGetenv("GOAPP_VERSION");
    sw.ready.then(function (registration) {
      if (registration.active) {
        registration.active.postMessage({ openras: "program-arrived", version: version, program: program() });
      }
    }, function () {});
  }
})();
