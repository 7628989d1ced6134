// OpenRAS service worker. It keeps the site's files, so that after one visit
// the calculator works with no connection, also under a sub-path; each
// deploy has a new version, so returning visitors get the new files.
//
// go-app fills in the version and the list of files when it generates the
// site. Compared with go-app's own worker, this one waits for its files to be
// stored before it counts as installed, answers a page's address with or
// without its trailing slash from the store, answers only its own origin's
// requests, and, offline, answers an address the site does not have with its
// "Page not found" page, as the host would.
//
// The site has two programs (wasm/main.go): the calculator's, app.wasm, and
// the councillor pages', councillor.wasm; they are most of the site's bytes.
// Neither is downloaded at install: a family that only uses the calculator
// never downloads councillor.wasm. The page registers this worker only once
// its program has arrived and started (site/loader.js), so that what the
// worker downloads as it installs does not share a phone's one link with
// the program; nor does it download the program a second time, but stores
// it when the page says the program has arrived, from the browser's HTTP
// cache. A page this worker controls whose program it does
// not hold yet (the first visit to /scenario, say) downloads it through the
// worker, which stores it as it passes. On an update, the open pages run the
// copies already stored, and the new ones of the programs held are
// downloaded as the worker installs.
const version = "{{.Version}}";
const cacheName = "openras-" + version;
const resourcesToCache = {{.ResourcesToCache}};
const programPaths = resourcesToCache.filter((r) => r.endsWith("/web/app.wasm") || r.endsWith("/web/councillor.wasm"));
const programURLs = programPaths.map((p) => new URL(p, self.location.href).href);

// The "Page not found" page, beside the worker (under a sub-path too). It is
// stored apart from the others: a host may send it with the status 404,
// which addAll would refuse.
const notFoundURL = new URL("404.html", self.registration.scope).href;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    // The programs an earlier version kept: this is an update, and those
    // are downloaded anew; the others wait for a page that runs them.
    const held = [];
    for (let i = 0; i < programPaths.length; i++) {
      if (await caches.match(programURLs[i])) {
        held.push(programPaths[i]);
      }
    }
    const cache = await caches.open(cacheName);
    await cache.addAll(resourcesToCache.filter((r) => !programPaths.includes(r) || held.includes(r)));
    try {
      const page = await fetch(notFoundURL, { cache: "no-cache" });
      if (page.ok || page.status === 404) {
        await cache.put(notFoundURL, page);
      }
    } catch (e) {
      // Offline pages still work without it: an unknown address then
      // fails as the browser shows it.
    }
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key !== cacheName) {
        await caches.delete(key);
      }
    }
    // No clients.claim(): a first visit's page stays as it loaded, so it is
    // not told of an "update"; the next page it opens is served from here.
  })());
});

// A page of this version tells the worker that its program has arrived
// (site/loader.js), and which: the worker stores it, which the browser's
// HTTP cache holds now ("force-cache" takes it from there however the host
// asked it to be revalidated), unless it has it already. A message naming
// no program of this site is ignored: storing a program the page did not
// run would download it.
self.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || data.openras !== "program-arrived" || data.version !== version || typeof data.program !== "string") {
    return;
  }
  const url = new URL(data.program, self.location.href).href;
  if (!programURLs.includes(url)) {
    return;
  }
  event.waitUntil(keepProgram(url));
});

async function keepProgram(programURL) {
  const cache = await caches.open(cacheName);
  if (await cache.match(programURL)) {
    return;
  }
  const response = await fetch(programURL, { cache: "force-cache" });
  if (response.ok) {
    await cache.put(programURL, response);
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  event.respondWith(respond(request, event));
});

async function respond(request, event) {
  const cache = await caches.open(cacheName);
  let cached = await cache.match(request, { ignoreSearch: true });
  if (!cached && request.mode === "navigate") {
    const path = new URL(request.url).pathname;
    const other = path.endsWith("/") ? path.slice(0, -1) : path + "/";
    cached = await cache.match(other);
  }
  if (!cached && request.mode === "navigate") {
    try {
      return await fetch(request);
    } catch (offline) {
      const notFound = await cache.match(notFoundURL);
      if (!notFound) {
        throw offline;
      }
      return new Response(await notFound.blob(), { status: 404, statusText: "Not Found", headers: notFound.headers });
    }
  }
  const programURL = request.url.split("?")[0];
  if (!cached && programURLs.includes(programURL)) {
    // A page this worker controls, whose program it does not hold yet (the
    // first visit to a page of the other program, or the page of the first
    // visit closed before its program had arrived): the copy the page
    // downloads is stored as it passes.
    const response = await fetch(request);
    if (response.ok) {
      event.waitUntil(cache.put(programURL, response.clone()).catch(() => {}));
    }
    return response;
  }
  if (!cached) {
    return fetch(request);
  }
  if (cached.redirected) {
    // A stored redirect cannot answer a page's address: answer with its body.
    return new Response(await cached.blob(), { status: 200, headers: cached.headers });
  }
  return cached;
}
