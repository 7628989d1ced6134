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
const cacheName = "openras-{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};

// The "Page not found" page, beside the worker (under a sub-path too). It is
// stored apart from the others: a host may send it with the status 404,
// which addAll would refuse.
const notFoundURL = new URL("404.html", self.registration.scope).href;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(cacheName);
    await cache.addAll(resourcesToCache);
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

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  event.respondWith(respond(request));
});

async function respond(request) {
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
  if (!cached) {
    return fetch(request);
  }
  if (cached.redirected) {
    // A stored redirect cannot answer a page's address: answer with its body.
    return new Response(await cached.blob(), { status: 200, headers: cached.headers });
  }
  return cached;
}
