// The HOSTILE training site, used only by security tests of the kiosk.
//
// Two hosts:
// - `hostile.entrainement.localhost`: tries to escape the kiosk (new windows, odd
//   schemes, look-alike hosts, external protocols, permission prompts, downloads,
//   HTTP authentication) and plants every kind of browser storage (`/plant`), which
//   `/inspect` reads back to prove a visitor was forgotten.
// - `tiers.entrainement.localhost`: a "third-party" host framed by the hostile
//   site, to plant cookies and storage from inside an iframe.
//
// Pages expose their results in `window.__hostile` and in `document.body.dataset`,
// and set `data-done="yes"` (or `"error:<message>"`) once their script has finished.
// Only Node built-ins are used; nothing here reaches the network.

import type { ServerResponse } from 'node:http';
import { routeHostileIdle } from './hostile-idle';
import type { TrainingSiteRequest } from '../../../main/dev-tools/training-sites/server';
import { escapeHtml } from '../../../main/dev-tools/training-sites/sites';
import type { OriginOf } from '../../../main/dev-tools/training-sites/sites';

/** Site ids of the two hosts served by this module. */
export const HOSTILE_SITE_ID = 'hostile';
export const THIRD_PARTY_SITE_ID = 'tiers';

/** Visible label of every page of both hosts. */
export const HOSTILE_LABEL = "Site d'entraînement — hostile (tests de sécurité)";

/** Where `/partir-loin` redirects to. */
export const HOSTILE_REDIRECT_URL = 'https://www.example.org/';
/** Where `/meta-refresh` and `#lien-js-redirection` send the visitor. */
export const HOSTILE_REFRESH_URL = 'https://www.example.net/';

/** Realm and credentials of `/auth` (HTTP Basic). */
export const AUTH_REALM = 'entrainement';
export const AUTH_USER = 'entrainement';
export const AUTH_PASSWORD = 'secret';

/** Cookies set by the server on the `/plant` response. */
export const PLANT_COOKIES: readonly string[] = [
  'plain=1; Path=/',
  'secret=1; HttpOnly; Path=/',
  'cross=1; SameSite=None; Secure; Path=/',
  'part=1; SameSite=None; Secure; Partitioned; Path=/',
];
/** Cookie set by the server on the third-party `/cadre` response. */
export const THIRD_PARTY_COOKIE = 'tiers=1; SameSite=None; Secure; Path=/';

/** Storage kinds planted by `/plant` and read back by `/inspect` (`data-<kind>`). */
export const STORAGE_KINDS = [
  'servercookie',
  'jscookie',
  'localstorage',
  'sessionstorage',
  'indexeddb',
  'cachestorage',
  'serviceworker',
  'opfs',
  'thirdparty',
  'httpcache',
  'history',
] as const;
export type StorageKind = (typeof STORAGE_KINDS)[number];

/** Permission requests of `/evasion`: button `#demander-<name>` writes `data-<name>`. */
export const PERMISSION_NAMES = [
  'camera',
  'micro',
  'geoloc',
  'notifications',
  'presse-papiers',
  'midi',
  'serie',
  'usb',
  'hid',
  'bluetooth',
  'plein-ecran',
  'clavier',
  'capture',
  'stockage',
  'fenetres',
] as const;

export interface HostileRequest extends TrainingSiteRequest {
  /** Which of the two hosts was asked. */
  readonly siteId: typeof HOSTILE_SITE_ID | typeof THIRD_PARTY_SITE_ID;
}

type Headers = Readonly<Record<string, string | readonly string[]>>;

// ---------------------------------------------------------------------------
// Response headers

/** Hostile pages: never framed; inline scripts, workers from self, frames from `tiers`. */
function hostileHeaders(originOf: OriginOf): Record<string, string> {
  return {
    'X-Frame-Options': 'DENY',
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self' 'unsafe-inline'",
      "style-src 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "worker-src 'self'",
      `frame-src ${originOf(THIRD_PARTY_SITE_ID)}`,
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    // Not 'no-referrer': with it, navigation.entries() hides the URLs `/inspect` looks for.
    'Referrer-Policy': 'same-origin',
  };
}

/** Third-party pages: frameable by the hostile origin only (no X-Frame-Options). */
function thirdPartyHeaders(originOf: OriginOf): Record<string, string> {
  return {
    'Content-Security-Policy': [
      "default-src 'none'",
      "script-src 'unsafe-inline'",
      "style-src 'unsafe-inline'",
      "base-uri 'none'",
      "form-action 'none'",
      `frame-ancestors ${originOf(HOSTILE_SITE_ID)}`,
    ].join('; '),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/** Downloads and PDFs: no script at all, never framed. */
function fileHeaders(): Record<string, string> {
  return {
    'X-Frame-Options': 'DENY',
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

function reply(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  contentType: string,
  headers: Headers,
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.writeHead(status);
  res.end(body);
}

const HTML = 'text/html; charset=utf-8';

// ---------------------------------------------------------------------------
// Layout

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,Arial,sans-serif;font-size:1.2rem;line-height:1.5;color:#111;background:#fff4f4}
.bandeau{background:#b00020;color:#fff;border-bottom:4px solid #000;padding:.6rem 1rem;font-weight:700;text-align:center}
main{max-width:60rem;margin:1rem auto;padding:1rem 1.5rem;background:#fff;border:1px solid #c99;border-radius:.5rem}
h1{font-size:1.8rem;margin-top:0}
h2{font-size:1.3rem;margin-top:1.5rem}
a{color:#003a9b}
button{font-size:1.1rem;padding:.3rem .8rem;margin:.2rem 0}
ul.resultats{font-family:monospace;font-size:1rem}
iframe{width:100%;height:8rem;border:1px dashed #999}
`;

/** Serializes a value for an inline `<script>` (no `</script>` breakout). */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

interface PageOptions {
  /** `data-page` of <body>, also `window.__hostile.page`. */
  readonly id: string;
  readonly title: string;
  /** Already-escaped HTML placed inside <main>. */
  readonly body: string;
  /** Inline script placed at the end of <body>. */
  readonly script: string;
  /** Data given to the script as `<script type="application/json" id="...">`. */
  readonly data?: Readonly<Record<string, unknown>>;
  /** Extra elements of <head> (already escaped). */
  readonly head?: string;
  /** Extra `data-*` attributes of <body>, set before the script runs. */
  readonly dataset?: Readonly<Record<string, string>>;
}

function page(options: PageOptions): string {
  const data = Object.entries(options.data ?? {})
    .map(([id, value]) => `<script type="application/json" id="${escapeHtml(id)}">${jsonForScript(value)}</script>`)
    .join('\n');
  const bodyAttributes = Object.entries({ page: options.id, ...options.dataset })
    .map(([name, value]) => `data-${escapeHtml(name)}="${escapeHtml(value)}"`)
    .join(' ');
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
${options.head ?? ''}<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(options.title)} — ${escapeHtml(HOSTILE_LABEL)}</title>
<style>${STYLE}</style>
</head>
<body ${bodyAttributes}>
<div class="bandeau" role="note" id="bandeau-hostile">${escapeHtml(HOSTILE_LABEL)}</div>
<main id="contenu">
${options.body}
</main>
${data}
<script>${options.script}</script>
</body>
</html>
`;
}

/** Common start of every page script: `window.__hostile`, helpers. */
const SCRIPT_PRELUDE = `
'use strict';
var H = window.__hostile = { page: document.body.getAttribute('data-page') || '', results: {}, details: {} };
function describe(error) {
  if (error && typeof error === 'object' && 'name' in error && 'message' in error) {
    return String(error.name) + ': ' + String(error.message);
  }
  return String(error);
}
function camel(name) {
  return name.replace(/-([a-z])/g, function (_, letter) { return letter.toUpperCase(); });
}
function record(name, value) {
  H.results[name] = value;
  document.body.dataset[camel(name)] = value;
  var item = document.getElementById('resultat-' + name);
  if (item) item.textContent = name + ' : ' + value;
}
function readData(id) {
  var element = document.getElementById(id);
  return element ? JSON.parse(element.textContent || 'null') : null;
}
function withTimeout(promise, ms, label) {
  return new Promise(function (resolve, reject) {
    var timer = setTimeout(function () { reject(new Error('délai dépassé : ' + label)); }, ms);
    Promise.resolve(promise).then(
      function (value) { clearTimeout(timer); resolve(value); },
      function (error) { clearTimeout(timer); reject(error); }
    );
  });
}
function done(error) {
  document.body.dataset.done = error === undefined ? 'yes' : 'error:' + describe(error);
}
function hasCookie(name) {
  return document.cookie.split(';').some(function (part) { return part.trim().split('=')[0] === name; });
}
function waitForMessage(frame, origin, ms) {
  return withTimeout(new Promise(function (resolve) {
    function onMessage(event) {
      if (event.origin !== origin || event.source !== frame.contentWindow) return;
      window.removeEventListener('message', onMessage);
      resolve(event.data);
    }
    window.addEventListener('message', onMessage);
  }), ms, 'message du cadre tiers');
}
`;

function resultList(names: readonly string[]): string {
  const items = names
    .map((name) => `<li id="resultat-${escapeHtml(name)}">${escapeHtml(name)} : …</li>`)
    .join('\n');
  return `<ul class="resultats" aria-live="polite">\n${items}\n</ul>`;
}

// ---------------------------------------------------------------------------
// Hostile pages

function hostileHomePage(): string {
  return page({
    id: 'accueil',
    title: 'Accueil',
    body: `<h1>Site hostile d'entraînement</h1>
<p>Ce site fictif sert uniquement à tester la sécurité de la borne : il essaie d'en sortir et de laisser des traces.</p>
<ul>
<li><a id="lien-plant" href="/plant">Laisser des traces sur cet appareil</a></li>
<li><a id="lien-inspect" href="/inspect">Chercher les traces laissées</a></li>
<li><a id="lien-evasion" href="/evasion">Tentatives de sortie de la borne</a></li>
</ul>`,
    script: `${SCRIPT_PRELUDE}\ndone();`,
  });
}

/** Script of `/plant`: one function per storage kind, then `data-done`. */
export const PLANT_SCRIPT = `${SCRIPT_PRELUDE}
var config = readData('config-hostile');
var KIND_TIMEOUT_MS = 8000;

function plantServerCookies() {
  // The server set them on this response; ask it which ones came back.
  return fetch('/cookies-recus', { cache: 'no-store' })
    .then(function (response) { return response.json(); })
    .then(function (names) {
      var missing = ['plain', 'secret', 'cross', 'part'].filter(function (name) { return names.indexOf(name) < 0; });
      if (missing.length > 0) throw new Error('cookies non renvoyés : ' + missing.join(', '));
      return names;
    });
}

function plantJsCookie() {
  document.cookie = 'js=1; path=/';
  if (!hasCookie('js')) throw new Error('cookie js refusé');
}

function plantLocalStorage() {
  localStorage.setItem('hostile-local', '1');
  if (localStorage.getItem('hostile-local') !== '1') throw new Error('relecture impossible');
}

function plantSessionStorage() {
  sessionStorage.setItem('hostile-session', '1');
  if (sessionStorage.getItem('hostile-session') !== '1') throw new Error('relecture impossible');
}

function plantIndexedDb() {
  return new Promise(function (resolve, reject) {
    var request = indexedDB.open('hostile-db', 1);
    request.onupgradeneeded = function () {
      var db = request.result;
      if (!db.objectStoreNames.contains('visiteur')) db.createObjectStore('visiteur', { keyPath: 'id' });
    };
    request.onerror = function () { reject(request.error); };
    request.onblocked = function () { reject(new Error('ouverture bloquée')); };
    request.onsuccess = function () {
      var db = request.result;
      try {
        var transaction = db.transaction('visiteur', 'readwrite');
        transaction.objectStore('visiteur').put({ id: 1, texte: 'trace du visiteur' });
        transaction.oncomplete = function () { db.close(); resolve(); };
        transaction.onerror = transaction.onabort = function () { db.close(); reject(transaction.error); };
      } catch (error) {
        db.close();
        reject(error);
      }
    };
  });
}

function plantCacheStorage() {
  return caches.open('hostile-cache')
    .then(function (cache) { return cache.put('/plant-cached', new Response('x')); })
    .then(function () { return caches.has('hostile-cache'); })
    .then(function (present) { if (!present) throw new Error('cache absent après écriture'); });
}

function plantServiceWorker() {
  if (!('serviceWorker' in navigator)) throw new Error('service worker non disponible');
  return navigator.serviceWorker.register('/sw.js', { scope: '/' })
    .then(function () { return navigator.serviceWorker.ready; })
    .then(function (registration) {
      if (!registration.active) throw new Error('service worker inactif');
      return registration.scope;
    });
}

function plantOpfs() {
  if (!navigator.storage || !navigator.storage.getDirectory) throw new Error('OPFS non disponible');
  return navigator.storage.getDirectory()
    .then(function (root) { return root.getFileHandle('hostile.txt', { create: true }); })
    .then(function (handle) {
      return handle.createWritable().then(function (writable) {
        return writable.write('trace du visiteur').then(function () { return writable.close(); });
      }).then(function () { return handle.getFile(); });
    })
    .then(function (file) { if (file.size === 0) throw new Error('fichier vide'); return file.size; });
}

function plantThirdParty() {
  var frame = document.createElement('iframe');
  frame.title = 'Cadre tiers';
  frame.id = 'cadre-tiers';
  var message = waitForMessage(frame, config.tiersOrigin, KIND_TIMEOUT_MS - 500);
  frame.src = config.tiersOrigin + '/cadre';
  document.getElementById('cadres').appendChild(frame);
  return message.then(function (data) {
    if (!data || data.cookie !== true || data.local !== true) {
      throw new Error('cadre tiers : ' + JSON.stringify(data));
    }
    return data;
  });
}

function plantHttpCache() {
  return fetch('/cacheable').then(function (response) {
    if (!response.ok) throw new Error('statut ' + response.status);
    var servedAt = response.headers.get('X-Served-At');
    if (!servedAt) throw new Error('en-tête X-Served-At absent');
    H.httpcacheServedAt = servedAt;
    document.body.dataset.httpcacheServedAt = servedAt;
    return servedAt;
  });
}

function plantHistory() {
  history.pushState({}, '', '/plant#etape-2');
  document.body.dataset.historyLength = String(history.length);
  return history.length;
}

function plant(kind, action) {
  return withTimeout(Promise.resolve().then(action), KIND_TIMEOUT_MS, kind).then(
    function (detail) {
      if (detail !== undefined) H.details[kind] = detail;
      record(kind, 'ok');
    },
    function (error) { record(kind, 'fail:' + describe(error)); }
  );
}

Promise.all([
  plant('servercookie', plantServerCookies),
  plant('jscookie', plantJsCookie),
  plant('localstorage', plantLocalStorage),
  plant('sessionstorage', plantSessionStorage),
  plant('indexeddb', plantIndexedDb),
  plant('cachestorage', plantCacheStorage),
  plant('serviceworker', plantServiceWorker),
  plant('opfs', plantOpfs),
  plant('thirdparty', plantThirdParty),
  plant('httpcache', plantHttpCache),
])
  .then(function () { return plant('history', plantHistory); })
  .then(function () { done(); }, done);
`;

function plantPage(originOf: OriginOf): string {
  return page({
    id: 'plant',
    title: 'Laisser des traces',
    body: `<h1>Laisser des traces sur cet appareil</h1>
<p>Cette page enregistre des données de toutes les façons possibles. Après le passage du visiteur, la borne doit les avoir toutes effacées.</p>
${resultList(STORAGE_KINDS)}
<div id="cadres"></div>
<p><a id="lien-inspect" href="/inspect">Chercher les traces laissées</a></p>`,
    data: { 'config-hostile': { tiersOrigin: originOf(THIRD_PARTY_SITE_ID) } },
    script: PLANT_SCRIPT,
  });
}

/** Script of `/inspect`: reads every kind back, plants nothing. */
export const INSPECT_SCRIPT = `${SCRIPT_PRELUDE}
var config = readData('config-hostile');
var cookiesSeen = readData('cookies-seen') || [];
H.cookiesSeen = cookiesSeen;
document.body.dataset.cookiesSeen = cookiesSeen.join(',');
var KIND_TIMEOUT_MS = 8000;

function seen(name) { return cookiesSeen.indexOf(name) >= 0; }

function inspectServerCookies() {
  return ['plain', 'secret', 'cross', 'part'].some(seen) || hasCookie('plain');
}
function inspectJsCookie() { return hasCookie('js') || seen('js'); }
function inspectLocalStorage() { return localStorage.getItem('hostile-local') !== null; }
function inspectSessionStorage() { return sessionStorage.getItem('hostile-session') !== null; }
function inspectIndexedDb() {
  return indexedDB.databases().then(function (list) {
    return list.some(function (db) { return db.name === 'hostile-db'; });
  });
}
function inspectCacheStorage() { return caches.has('hostile-cache'); }
function inspectServiceWorker() {
  if (!('serviceWorker' in navigator)) throw new Error('service worker non disponible');
  return navigator.serviceWorker.getRegistrations().then(function (list) { return list.length > 0; });
}
function inspectOpfs() {
  if (!navigator.storage || !navigator.storage.getDirectory) throw new Error('OPFS non disponible');
  return navigator.storage.getDirectory()
    .then(function (root) { return root.getFileHandle('hostile.txt'); })
    .then(function () { return true; }, function (error) {
      if (error && error.name === 'NotFoundError') return false;
      throw error;
    });
}
function inspectThirdParty() {
  var frame = document.createElement('iframe');
  frame.title = 'Cadre tiers';
  frame.id = 'cadre-tiers';
  var message = waitForMessage(frame, config.tiersOrigin, KIND_TIMEOUT_MS - 500);
  frame.src = config.tiersOrigin + '/cadre-lire';
  document.getElementById('cadres').appendChild(frame);
  return message.then(function (data) {
    H.details.thirdparty = data;
    if (!data || typeof data.cookie !== 'boolean' || typeof data.local !== 'boolean') {
      throw new Error('cadre tiers : ' + JSON.stringify(data));
    }
    return data.cookie || data.local;
  });
}
function inspectHttpCache() {
  // A response served before this page was rendered can only come from the HTTP cache.
  return fetch('/cacheable').then(function (response) {
    var servedAt = response.headers.get('X-Served-At') || '';
    H.httpcacheServedAt = servedAt;
    document.body.dataset.httpcacheServedAt = servedAt;
    return servedAt !== '' && Number(servedAt) < Number(config.renderedAt);
  });
}
function inspectHistory() {
  // history.length also counts the tab's first page (about:blank...), so look for the
  // entry /plant pushed, among this tab's same-origin entries (Navigation API).
  document.body.dataset.historyLength = String(history.length);
  if (typeof navigation === 'undefined' || !navigation.entries) throw new Error('Navigation API non disponible');
  return navigation.entries().some(function (entry) {
    var address = new URL(entry.url || '', location.href);
    return address.pathname === '/plant' && address.hash === '#etape-2';
  });
}

function inspect(kind, action) {
  return withTimeout(Promise.resolve().then(action), KIND_TIMEOUT_MS, kind).then(
    function (present) { record(kind, present ? 'present' : 'absent'); },
    function (error) { record(kind, 'error:' + describe(error)); }
  );
}

Promise.all([
  inspect('servercookie', inspectServerCookies),
  inspect('jscookie', inspectJsCookie),
  inspect('localstorage', inspectLocalStorage),
  inspect('sessionstorage', inspectSessionStorage),
  inspect('indexeddb', inspectIndexedDb),
  inspect('cachestorage', inspectCacheStorage),
  inspect('serviceworker', inspectServiceWorker),
  inspect('opfs', inspectOpfs),
  inspect('thirdparty', inspectThirdParty),
  inspect('httpcache', inspectHttpCache),
  inspect('history', inspectHistory),
]).then(function () { done(); }, done);
`;

function inspectPage(originOf: OriginOf, cookies: ReadonlyMap<string, string>): string {
  return page({
    id: 'inspect',
    title: 'Chercher les traces',
    body: `<h1>Chercher les traces laissées</h1>
<p>Cette page relit, sans rien enregistrer, les traces laissées par la page « Laisser des traces ».</p>
${resultList(STORAGE_KINDS)}
<div id="cadres"></div>`,
    data: {
      'config-hostile': { tiersOrigin: originOf(THIRD_PARTY_SITE_ID), renderedAt: Date.now() },
      'cookies-seen': [...cookies.keys()],
    },
    script: INSPECT_SCRIPT,
  });
}

/** Script of `/evasion`: wires every escape attempt to its button. */
export const EVASION_SCRIPT = `${SCRIPT_PRELUDE}
var config = readData('config-hostile');
var PERMISSION_TIMEOUT_MS = 3000;

function on(id, handler) {
  var element = document.getElementById(id);
  if (!element) throw new Error('élément absent : ' + id);
  element.addEventListener('click', handler);
}
function unsupported() { return 'error:unsupported'; }
function outcomeOf(error) {
  var name = error && typeof error === 'object' && 'name' in error ? String(error.name) : String(error);
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'denied';
  return 'error:' + name;
}
function stopStream(stream) {
  stream.getTracks().forEach(function (track) { track.stop(); });
  return 'granted';
}
/** Runs a permission request; a request still pending after 3 s is reported as 'prompt'. */
function ask(name, request) {
  var settled = false;
  var timer = setTimeout(function () { finish('prompt'); }, PERMISSION_TIMEOUT_MS);
  function finish(value) {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    record(name, value);
  }
  try {
    Promise.resolve(request()).then(finish, function (error) { finish(outcomeOf(error)); });
  } catch (error) {
    finish(outcomeOf(error));
  }
}
var media = navigator.mediaDevices;
var PERMISSIONS = {
  camera: function () {
    if (!media || !media.getUserMedia) return unsupported();
    return media.getUserMedia({ video: true }).then(stopStream);
  },
  micro: function () {
    if (!media || !media.getUserMedia) return unsupported();
    return media.getUserMedia({ audio: true }).then(stopStream);
  },
  geoloc: function () {
    if (!navigator.geolocation) return unsupported();
    return new Promise(function (resolve) {
      navigator.geolocation.getCurrentPosition(
        function () { resolve('granted'); },
        function (error) {
          H.details.geolocCode = error.code;
          var names = { 1: 'PERMISSION_DENIED', 2: 'POSITION_UNAVAILABLE', 3: 'TIMEOUT' };
          resolve(error.code === 1 ? 'denied' : 'error:' + (names[error.code] || String(error.code)));
        },
        { timeout: 2000, maximumAge: 0 }
      );
    });
  },
  notifications: function () {
    if (typeof Notification === 'undefined' || !Notification.requestPermission) return unsupported();
    return Promise.resolve(Notification.requestPermission()).then(function (result) {
      return result === 'default' ? 'prompt' : result;
    });
  },
  'presse-papiers': function () {
    if (!navigator.clipboard || !navigator.clipboard.readText) return unsupported();
    return navigator.clipboard.readText().then(function () { return 'granted'; });
  },
  midi: function () {
    if (!navigator.requestMIDIAccess) return unsupported();
    return navigator.requestMIDIAccess().then(function () { return 'granted'; });
  },
  serie: function () {
    if (!navigator.serial) return unsupported();
    return navigator.serial.requestPort().then(function () { return 'granted'; });
  },
  usb: function () {
    if (!navigator.usb) return unsupported();
    return navigator.usb.requestDevice({ filters: [] }).then(function () { return 'granted'; });
  },
  hid: function () {
    if (!navigator.hid) return unsupported();
    // Resolves with no device when the chooser is dismissed.
    return navigator.hid.requestDevice({ filters: [] }).then(function (devices) {
      return devices.length > 0 ? 'granted' : 'denied';
    });
  },
  bluetooth: function () {
    if (!navigator.bluetooth) return unsupported();
    return navigator.bluetooth.requestDevice({ acceptAllDevices: true }).then(function () { return 'granted'; });
  },
  'plein-ecran': function () {
    if (!document.documentElement.requestFullscreen) return unsupported();
    return document.documentElement.requestFullscreen().then(function () { return 'granted'; });
  },
  clavier: function () {
    if (!navigator.keyboard || !navigator.keyboard.lock) return unsupported();
    return navigator.keyboard.lock().then(function () { return 'granted'; });
  },
  capture: function () {
    if (!media || !media.getDisplayMedia) return unsupported();
    return media.getDisplayMedia({ video: true }).then(stopStream);
  },
  stockage: function () {
    if (!document.requestStorageAccess) return unsupported();
    return document.requestStorageAccess().then(function () { return 'granted'; });
  },
  fenetres: function () {
    if (!window.getScreenDetails) return unsupported();
    return window.getScreenDetails().then(function () { return 'granted'; });
  },
};

try {
  Object.keys(PERMISSIONS).forEach(function (name) {
    on('demander-' + name, function () { ask(name, PERMISSIONS[name]); });
  });
  on('copier', function () {
    ask('copier', function () {
      if (!navigator.clipboard || !navigator.clipboard.writeText) return unsupported();
      return navigator.clipboard.writeText('secret-du-visiteur').then(function () { return 'granted'; });
    });
  });
  on('ouvrir-fenetre', function () {
    var opened = window.open(config.tiersOrigin + '/', '_blank');
    record('ouvrir-fenetre', opened ? 'opened' : 'blocked');
  });
  on('ouvrir-fenetre-autorisee', function () {
    var opened = window.open('/plant', '_blank');
    record('ouvrir-fenetre-autorisee', opened ? 'opened' : 'blocked');
  });
  on('lien-blob', function () {
    var html = '<!doctype html><meta charset="utf-8"><title>Page blob</title>' +
      '<p>Site d\\u2019entra\\u00eenement \\u2014 hostile (tests de s\\u00e9curit\\u00e9)</p><h1 id="page-blob">Page blob</h1>';
    var address = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
    H.details.blob = address;
    location.href = address;
  });
  on('lien-about', function () { location.href = 'about:blank'; });
  on('lien-js-redirection', function () { location.href = config.refreshUrl; });
  on('fermer', function () {
    window.close();
    record('fermer', 'called');
  });
  on('deplacer', function () {
    try {
      window.moveTo(0, 0);
      window.resizeTo(screen.width, screen.height);
      H.details.deplacer = { x: window.screenX, y: window.screenY, width: window.outerWidth, height: window.outerHeight };
      record('deplacer', 'called');
    } catch (error) {
      record('deplacer', 'error:' + describe(error));
    }
  });
  on('zoom', function () { record('zoom', String(window.devicePixelRatio)); });
  done();
} catch (error) {
  done(error);
}
`;

function link(id: string, href: string, text: string, blank = false): string {
  const target = blank ? ' target="_blank"' : '';
  return `<li><a id="${escapeHtml(id)}" href="${escapeHtml(href)}"${target}>${escapeHtml(text)}</a></li>`;
}

function button(id: string, text: string): string {
  return `<li><button type="button" id="${escapeHtml(id)}">${escapeHtml(text)}</button></li>`;
}

const PERMISSION_LABELS: Readonly<Record<(typeof PERMISSION_NAMES)[number], string>> = {
  camera: 'Demander la caméra',
  micro: 'Demander le micro',
  geoloc: 'Demander la position',
  notifications: 'Demander les notifications',
  'presse-papiers': 'Lire le presse-papiers',
  midi: 'Demander les appareils MIDI',
  serie: 'Demander un port série',
  usb: 'Demander un appareil USB',
  hid: 'Demander un appareil HID',
  bluetooth: 'Demander un appareil Bluetooth',
  'plein-ecran': 'Passer en plein écran',
  clavier: 'Verrouiller le clavier',
  capture: "Capturer l'écran",
  stockage: "Demander l'accès au stockage",
  fenetres: 'Demander les détails des écrans',
};

function evasionPage(originOf: OriginOf): string {
  const hostileOrigin = originOf(HOSTILE_SITE_ID);
  const permissions = PERMISSION_NAMES.map((name) => button(`demander-${name}`, PERMISSION_LABELS[name])).join('\n');
  return page({
    id: 'evasion',
    title: 'Tentatives de sortie',
    body: `<h1>Tentatives de sortie de la borne</h1>
<p>Chaque bouton ou lien essaie de sortir de la borne. La borne doit tous les bloquer.</p>
<h2>Nouvelles fenêtres</h2>
<ul>
${button('ouvrir-fenetre', 'Ouvrir une fenêtre vers un site tiers')}
${button('ouvrir-fenetre-autorisee', 'Ouvrir une fenêtre vers ce site')}
${link('lien-blank', 'https://www.example.com/', 'Lien vers un site extérieur dans un nouvel onglet', true)}
${link('lien-blank-autorise', '/inspect', 'Lien vers ce site dans un nouvel onglet', true)}
<li><form id="formulaire-blank-form" method="get" action="https://www.example.com/" target="_blank">
<input type="hidden" name="q" value="evasion">
<button type="submit" id="formulaire-blank">Envoyer un formulaire dans un nouvel onglet</button>
</form></li>
</ul>
<h2>Navigations interdites</h2>
<ul>
${link('lien-file', 'file:///etc/passwd', 'Fichier local')}
${link('lien-data', 'data:text/html,<h1>x</h1>', 'Adresse data:')}
${link('lien-javascript', 'javascript:alert(1)', 'Adresse javascript:')}
${button('lien-blob', 'Adresse blob:')}
${button('lien-about', 'Page about:blank')}
${link('lien-chrome', 'chrome://settings', 'Réglages du navigateur')}
${link('lien-devtools', 'devtools://devtools/bundled/inspector.html', 'Outils de développement')}
${link('lien-view-source', `view-source:${hostileOrigin}/`, 'Code source de la page')}
${link('lien-sosie', 'https://www.caf.fr.example.net/', 'Site sosie (sous-domaine)')}
${link('lien-tiret', 'https://caf-fr.com/', 'Site sosie (tiret)')}
${link('lien-punycode', 'https://www.xn--cf-c9b.fr/', 'Site sosie (punycode)')}
${link('lien-arobase', 'https://www.caf.fr@www.example.com/', 'Site sosie (arobase)')}
${link('lien-diese', 'https://www.example.com/#hostile.entrainement.localhost', 'Site extérieur (dièse)')}
${link('lien-redirection', '/partir-loin', 'Redirection vers un site extérieur')}
${link('lien-meta-refresh', '/meta-refresh', 'Rafraîchissement vers un site extérieur')}
${button('lien-js-redirection', 'Redirection par script')}
</ul>
<h2>Applications extérieures</h2>
<ul>
${link('lien-mailto', 'mailto:aide@caf.fr', 'Écrire un courriel')}
${link('lien-tel', 'tel:3230', 'Téléphoner')}
${link('lien-sms', 'sms:+33600000000', 'Envoyer un SMS')}
${link('lien-intent', 'intent://scan/#Intent;scheme=zxing;end', 'Ouvrir une application Android')}
${link('lien-custom', 'ms-settings:privacy', 'Ouvrir les réglages du système')}
</ul>
<h2>Autorisations</h2>
<ul>
${permissions}
${button('copier', 'Copier un secret dans le presse-papiers')}
</ul>
<h2>Fenêtre</h2>
<ul>
${button('fermer', 'Fermer la fenêtre')}
${button('deplacer', 'Déplacer et agrandir la fenêtre')}
${button('zoom', 'Zoom (essayez Ctrl + et Ctrl −)')}
</ul>
<h2>Fichiers et authentification</h2>
<ul>
${link('lien-auth', '/auth', 'Page protégée par mot de passe')}
${link('lien-pdf', '/attestation.pdf', 'Ouvrir une attestation PDF')}
${link('lien-pdf-telecharger', '/telecharger.pdf', 'Télécharger une attestation PDF')}
${link('lien-exe', '/programme.exe', 'Télécharger un programme')}
</ul>`,
    data: {
      'config-hostile': { tiersOrigin: originOf(THIRD_PARTY_SITE_ID), refreshUrl: HOSTILE_REFRESH_URL },
    },
    script: EVASION_SCRIPT,
  });
}

function metaRefreshPage(): string {
  return page({
    id: 'meta-refresh',
    title: 'Rafraîchissement',
    head: `<meta http-equiv="refresh" content="0;url=${escapeHtml(HOSTILE_REFRESH_URL)}">\n`,
    body: `<h1>Vous allez être envoyé·e ailleurs</h1>
<p>Cette page essaie d'envoyer la borne vers un site extérieur.</p>`,
    script: `${SCRIPT_PRELUDE}\ndone();`,
  });
}

function authPage(authenticated: boolean): string {
  return page({
    id: 'auth',
    dataset: { auth: authenticated ? 'ok' : 'required' },
    title: authenticated ? 'Authentifié' : 'Authentification requise',
    body: authenticated
      ? `<h1 id="authentifie">Authentifié</h1>
<p>Le navigateur a envoyé les identifiants d'entraînement. Après le passage du visiteur, ils doivent être oubliés.</p>`
      : `<h1 id="authentification-requise">Authentification requise</h1>
<p>Cette page demande un identifiant et un mot de passe au navigateur.</p>`,
    script: `${SCRIPT_PRELUDE}\nH.results.auth = ${authenticated ? "'ok'" : "'required'"};\ndone();`,
  });
}

function isAuthenticated(header: string | undefined): boolean {
  if (header === undefined) return false;
  const match = /^\s*basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  const encoded = match?.[1];
  if (encoded === undefined) return false;
  return Buffer.from(encoded, 'base64').toString('utf8') === `${AUTH_USER}:${AUTH_PASSWORD}`;
}

function methodNotAllowedPage(): string {
  return page({
    id: 'action-impossible',
    title: 'Action impossible',
    body: `<h1>Action impossible</h1>
<p>Cette action n'est pas possible sur cette page (erreur 405).</p>`,
    script: `${SCRIPT_PRELUDE}\ndone();`,
  });
}

/** The service worker: installs, activates at once and stays; it caches nothing. */
export const SERVICE_WORKER_SCRIPT = `// Training service worker of the hostile site: it only has to stay installed.
'use strict';
self.addEventListener('install', function () { self.skipWaiting(); });
self.addEventListener('activate', function (event) { event.waitUntil(self.clients.claim()); });
`;

// ---------------------------------------------------------------------------
// Files

/** PDF literal string from Latin-1 text (WinAnsiEncoding is a superset for our text). */
function pdfText(text: string): string {
  let out = '(';
  for (const char of text) {
    const code = char === '—' ? 0x97 : char === '’' ? 0x92 : (char.codePointAt(0) ?? 0x3f);
    if (char === '(' || char === ')' || char === '\\') out += `\\${char}`;
    else if (code >= 0x20 && code < 0x7f) out += char;
    else if (code <= 0xff) out += `\\${code.toString(8).padStart(3, '0')}`;
    else out += '?';
  }
  return `${out})`;
}

/** A one-page PDF written by hand, with a correct cross-reference table. */
export function buildAttestationPdf(): Buffer {
  const lines: readonly [number, string][] = [
    [24, "Attestation d'entraînement"],
    [12, HOSTILE_LABEL],
    [12, "Document fictif : il n'a aucune valeur et ne concerne personne."],
  ];
  let y = 760;
  const content = lines
    .map(([size, text]) => {
      const line = `BT /F1 ${size} Tf 72 ${y} Td ${pdfText(text)} Tj ET`;
      y -= size + 16;
      return line;
    })
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    `<< /Title ${pdfText("Attestation d'entraînement")} /Producer (Sites d'entrainement) >>`,
  ];
  // Latin-1 throughout: one character is one byte, so string lengths are byte offsets.
  let pdf = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(pdf.length);
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefOffset = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

const ATTESTATION_PDF = buildAttestationPdf();

/** Harmless bytes that look like a Windows program. */
const PROGRAMME_EXE = Buffer.concat([
  Buffer.from('MZ', 'latin1'),
  Buffer.alloc(62),
  Buffer.from("Programme d'entraînement : il ne fait rien.\n", 'utf8'),
]);

// ---------------------------------------------------------------------------
// Third-party pages

/** Script of the third-party `/cadre`: plants a cookie and localStorage, reports to its parent. */
export const THIRD_PARTY_PLANT_SCRIPT = `${SCRIPT_PRELUDE}
var config = readData('config-tiers');
var report = { source: 'tiers', page: 'cadre', cookie: false, local: false, errors: [] };
try {
  document.cookie = 'tiers-js=1; path=/; SameSite=None; Secure';
  report.cookie = hasCookie('tiers') && hasCookie('tiers-js');
} catch (error) { report.errors.push('cookie: ' + describe(error)); }
try {
  localStorage.setItem('tiers-local', '1');
  report.local = localStorage.getItem('tiers-local') === '1';
} catch (error) { report.errors.push('localStorage: ' + describe(error)); }
H.details.report = report;
record('cookie', report.cookie ? 'ok' : 'fail');
record('local', report.local ? 'ok' : 'fail');
if (window.parent !== window) window.parent.postMessage(report, config.hostileOrigin);
done();
`;

/** Script of the third-party `/cadre-lire`: reads its traces back, reports to its parent. */
export const THIRD_PARTY_INSPECT_SCRIPT = `${SCRIPT_PRELUDE}
var config = readData('config-tiers');
var cookiesSeen = readData('cookies-seen') || [];
var report = { source: 'tiers', page: 'cadre-lire', cookie: false, local: false, cookiesSeen: cookiesSeen, errors: [] };
try {
  report.cookie = cookiesSeen.indexOf('tiers') >= 0 || cookiesSeen.indexOf('tiers-js') >= 0 ||
    hasCookie('tiers') || hasCookie('tiers-js');
} catch (error) { report.errors.push('cookie: ' + describe(error)); }
try {
  report.local = localStorage.getItem('tiers-local') !== null;
} catch (error) { report.errors.push('localStorage: ' + describe(error)); }
H.details.report = report;
record('cookie', report.cookie ? 'present' : 'absent');
record('local', report.local ? 'present' : 'absent');
if (window.parent !== window) window.parent.postMessage(report, config.hostileOrigin);
done();
`;

function thirdPartyPage(
  id: string,
  title: string,
  body: string,
  script: string,
  data: Readonly<Record<string, unknown>>,
): string {
  return page({ id, title, body, script, data });
}

// ---------------------------------------------------------------------------
// Routing

function isRead(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
}

function routeHostile(request: HostileRequest): boolean {
  const { res, originOf } = request;
  const headers = hostileHeaders(originOf);
  const html = (status: number, body: string, extra: Headers = {}): void =>
    reply(res, status, body, HTML, { ...headers, ...extra });
  const file = (body: Buffer, contentType: string, disposition: string): void =>
    reply(res, 200, body, contentType, { ...fileHeaders(), 'Content-Disposition': disposition });

  switch (request.url.pathname) {
    case '/':
      html(200, hostileHomePage());
      return true;
    case '/plant':
      html(200, plantPage(originOf), { 'Set-Cookie': PLANT_COOKIES });
      return true;
    case '/inspect':
      html(200, inspectPage(originOf, request.cookies));
      return true;
    case '/evasion':
      html(200, evasionPage(originOf));
      return true;
    case '/cookies-recus':
      reply(res, 200, JSON.stringify([...request.cookies.keys()]), 'application/json; charset=utf-8', headers);
      return true;
    case '/sw.js':
      reply(res, 200, SERVICE_WORKER_SCRIPT, 'text/javascript; charset=utf-8', {
        ...headers,
        'Service-Worker-Allowed': '/',
      });
      return true;
    case '/cacheable':
      reply(res, 200, "Réponse mise en cache pendant une heure (entraînement).\n", 'text/plain; charset=utf-8', {
        ...headers,
        'Cache-Control': 'max-age=3600',
        'X-Served-At': String(Date.now()),
      });
      return true;
    case '/auth':
      if (isAuthenticated(request.req.headers.authorization)) {
        html(200, authPage(true));
      } else {
        html(401, authPage(false), { 'WWW-Authenticate': `Basic realm="${AUTH_REALM}"` });
      }
      return true;
    case '/attestation.pdf':
      file(ATTESTATION_PDF, 'application/pdf', 'inline; filename="attestation.pdf"');
      return true;
    case '/telecharger.pdf':
      file(ATTESTATION_PDF, 'application/pdf', 'attachment; filename="attestation.pdf"');
      return true;
    case '/programme.exe':
      file(PROGRAMME_EXE, 'application/octet-stream', 'attachment; filename="programme.exe"');
      return true;
    case '/partir-loin':
      reply(res, 302, '', 'text/plain; charset=utf-8', { ...headers, Location: HOSTILE_REDIRECT_URL });
      return true;
    case '/meta-refresh':
      html(200, metaRefreshPage());
      return true;
    default:
      return false;
  }
}

function routeThirdParty(request: HostileRequest): boolean {
  const { res, originOf } = request;
  const headers = thirdPartyHeaders(originOf);
  const config = { 'config-tiers': { hostileOrigin: originOf(HOSTILE_SITE_ID) } };
  switch (request.url.pathname) {
    case '/':
      reply(
        res,
        200,
        thirdPartyPage(
          'tiers-accueil',
          'Site tiers',
          `<h1>Site tiers d'entraînement</h1>
<p>Ce site fictif joue le rôle d'un site tiers, ouvert par le site hostile.</p>`,
          `${SCRIPT_PRELUDE}\ndone();`,
          config,
        ),
        HTML,
        headers,
      );
      return true;
    case '/cadre':
      reply(
        res,
        200,
        thirdPartyPage(
          'cadre',
          'Cadre tiers',
          `<h1>Cadre tiers</h1>
<p>Ce cadre enregistre un cookie et une donnée locale pour le site tiers.</p>`,
          THIRD_PARTY_PLANT_SCRIPT,
          config,
        ),
        HTML,
        { ...headers, 'Set-Cookie': THIRD_PARTY_COOKIE },
      );
      return true;
    case '/cadre-lire':
      reply(
        res,
        200,
        thirdPartyPage(
          'cadre-lire',
          'Cadre tiers (lecture)',
          `<h1>Cadre tiers (lecture)</h1>
<p>Ce cadre cherche le cookie et la donnée locale du site tiers.</p>`,
          THIRD_PARTY_INSPECT_SCRIPT,
          { ...config, 'cookies-seen': [...request.cookies.keys()] },
        ),
        HTML,
        headers,
      );
      return true;
    default:
      return false;
  }
}

/**
 * Answers a request to the hostile or third-party host. Returns false for an
 * unknown path, so the caller answers its usual 404.
 */
export function handleHostileRequest(request: HostileRequest): boolean {
  const route = request.siteId === HOSTILE_SITE_ID ? routeHostile : routeThirdParty;
  if (request.siteId === HOSTILE_SITE_ID && isRead(request.method) && routeHostileIdle(request)) return true;
  if (!isRead(request.method)) {
    reply(request.res, 405, methodNotAllowedPage(), HTML, {
      ...(request.siteId === HOSTILE_SITE_ID ? hostileHeaders(request.originOf) : thirdPartyHeaders(request.originOf)),
      Allow: 'GET, HEAD',
    });
    return true;
  }
  return route(request);
}
