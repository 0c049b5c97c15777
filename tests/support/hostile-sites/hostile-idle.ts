// A HOSTILE training page for the idle suite: it tries every way a page has to
// keep a visit alive without a person — calling every function it finds on
// `window` that looks like a kiosk or automation hook, dispatching every kind
// of synthetic event, making the browser itself report focus, scroll and
// pointer "moves" (a script scroll under a resting pointer), holding a screen
// wake lock, playing a video, and asking for pop-ups and phone links, which
// make the kiosk show panels. Counts of what it did are in `document.body.dataset`.

import type { ServerResponse } from 'node:http';

export const STAY_ALIVE_PATH = '/rester-en-vie';

const STAY_ALIVE_SCRIPT = `
'use strict';
var counts = { hookNames: '', hooksFound: 0, hookCalls: 0, events: 0, focus: 0, scrolls: 0, panels: 0, wakeLock: 'none', video: 'none' };
function show() { for (var key in counts) document.body.dataset[key] = String(counts[key]); }
var HOOK = /kiosk|playwright|binding|activity|__/i;
function hooks() {
  var found = [];
  var seen = {};
  for (var scope = window; scope; scope = Object.getPrototypeOf(scope)) {
    Object.getOwnPropertyNames(scope).forEach(function (name) {
      if (seen[name] || !HOOK.test(name)) return;
      seen[name] = true;
      try { if (typeof window[name] === 'function') found.push(name); } catch (e) { /* a getter that throws */ }
    });
  }
  return found;
}
function callHooks() {
  var found = hooks();
  counts.hooksFound = found.length;
  counts.hookNames = found.join(',');
  found.forEach(function (name) {
    [[], ['{}'], [{ type: 'text', inputMode: '', autocomplete: '', byTouch: true }], ['activity'], ['tel:3230']].forEach(function (args) {
      try { counts.hookCalls += 1; var result = window[name].apply(window, args); if (result && result.catch) result.catch(function () {}); } catch (e) { /* refused */ }
    });
  });
}
var TARGETS = function () { return [window, document, document.body, document.getElementById('champ'), document.elementFromPoint(200, 200)].filter(Boolean); };
function make(type) {
  var init = { bubbles: true, cancelable: true, composed: true, clientX: 200, clientY: 200, screenX: 200, screenY: 300, key: 'a', code: 'KeyA', deltaY: 40, pointerType: 'touch' };
  try {
    if (/^pointer/.test(type)) return new PointerEvent(type, init);
    if (/^touch/.test(type) && typeof TouchEvent === 'function') return new TouchEvent(type, init);
    if (/^key/.test(type)) return new KeyboardEvent(type, init);
    if (type === 'wheel') return new WheelEvent(type, init);
    if (/^(focus|blur)/.test(type)) return new FocusEvent(type, init);
    if (/^(mouse|click|dblclick|contextmenu)/.test(type)) return new MouseEvent(type, init);
  } catch (e) { /* an event kind this browser does not build */ }
  return new Event(type, init);
}
var TYPES = ['mousemove', 'mousedown', 'mouseup', 'mouseover', 'mouseenter', 'click', 'dblclick', 'pointermove', 'pointerdown', 'pointerup', 'pointerover',
  'pointerrawupdate', 'touchstart', 'touchmove', 'touchend', 'keydown', 'keyup', 'keypress', 'input', 'wheel', 'scroll', 'focus', 'blur', 'focusin',
  'focusout', 'visibilitychange', 'pageshow', 'resize', 'gesturestart', 'selectionchange'];
function dispatchAll() {
  TARGETS().forEach(function (target) {
    TYPES.forEach(function (type) { try { target.dispatchEvent(make(type)); counts.events += 1; } catch (e) { /* refused */ } });
  });
}
var flip = false;
function browserMadeEvents() {
  // Focus and scroll events raised by the browser itself (trusted), and a scroll under the pointer, which Chromium follows with a "mouse move".
  flip = !flip;
  var field = document.getElementById(flip ? 'champ' : 'autre-champ');
  if (field) { field.focus(); counts.focus += 1; }
  window.scrollTo(0, flip ? 400 : 0); counts.scrolls += 1;
  document.getElementById('mobile').style.transform = 'translateX(' + (flip ? 300 : 0) + 'px)';
  try { window.focus(); } catch (e) { /* nothing */ }
}
var panel = 0;
function askForPanels() {
  // A pop-up to a host outside the démarche, then a phone link: the kiosk answers each with a panel.
  panel += 1;
  counts.panels += 1;
  if (panel % 2 === 0) { try { window.open('https://www.example.org/rester', '_blank'); } catch (e) { /* refused */ } }
  else { var link = document.getElementById('lien-tel'); if (link) link.click(); }
}
function holdTheScreen() {
  if (navigator.wakeLock) navigator.wakeLock.request('screen').then(function () { counts.wakeLock = 'held'; }, function (e) { counts.wakeLock = 'refused: ' + e.name; });
  try {
    var canvas = document.getElementById('toile');
    var paint = canvas.getContext('2d');
    setInterval(function () { paint.fillStyle = flip ? '#335' : '#553'; paint.fillRect(0, 0, 160, 90); }, 50);
    var video = document.getElementById('video');
    video.srcObject = canvas.captureStream(20);
    video.play().then(function () { counts.video = 'playing'; }, function (e) { counts.video = 'refused: ' + e.name; });
  } catch (e) { counts.video = 'error: ' + e.name; }
}
holdTheScreen();
setInterval(function () { callHooks(); dispatchAll(); browserMadeEvents(); show(); }, 200);
setInterval(askForPanels, 3000);
// The first panel at once: under load the idle warning may come before a 3 s timer fires.
callHooks(); dispatchAll(); askForPanels(); show();
document.body.dataset.done = 'yes';
`;

const STAY_ALIVE_PAGE = `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>Rester en vie — site d'entraînement hostile</title>
<style>body{font:18px sans-serif;margin:0;padding:16px;min-height:3000px} #mobile{width:300px;height:200px;background:#ddf;transition:none}</style></head>
<body data-page="rester-en-vie">
<h1>Une page qui voudrait que la visite ne finisse jamais</h1>
<div id="mobile">Zone qui bouge sous le pointeur</div>
<p><label>Champ <input id="champ"></label> <label>Autre champ <input id="autre-champ"></label></p>
<p><a id="lien-tel" href="tel:3230">Appeler le 3230</a></p>
<canvas id="toile" width="160" height="90"></canvas><video id="video" muted playsinline width="160" height="90"></video>
<script>${STAY_ALIVE_SCRIPT}</script>
</body></html>
`;

/** Serves the page on the hostile host; false for any other path. */
export function routeHostileIdle(request: { readonly url: URL; readonly res: ServerResponse }): boolean {
  if (request.url.pathname !== STAY_ALIVE_PATH) return false;
  // No Content-Security-Policy here: the page's own inline script and media stream must run.
  request.res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  request.res.end(STAY_ALIVE_PAGE);
  return true;
}
