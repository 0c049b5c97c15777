// HOSTILE training pages for the browser's own surfaces (issue 9), used only by
// security tests of the kiosk: frames that show or reach a host outside the
// démarche's lists, prerendering, print and file requests, pages where no
// script can run (sandboxed frames, `Content-Security-Policy: sandbox`), drag
// and drop, pointer lock, alert storms.
//
// Served under `/surfaces/…` on the hostile and third-party hosts, and wholly
// on a third host, `ailleurs.entrainement.localhost`: the host no tile lists,
// whose page (`/surfaces/contenu`) lets itself be framed by anyone, so a test
// can only pass if the kiosk keeps it out. Only Node built-ins.

import type { IncomingMessage, ServerResponse } from 'node:http';

/** The host outside every list: what the kiosk must never show, in any frame. */
export const ELSEWHERE_SITE_ID = 'ailleurs';
/**
 * A host of another site (the training hosts share one, `entrainement.localhost`):
 * Chromium gives its frames a process of their own, as a real site's frame from
 * elsewhere has. Serves `/surfaces/autre-site-question` only.
 */
export const OTHER_SITE_HOST = 'autre-site.localhost';
const OTHER_SITE_PATTERN = /^autre-site\.localhost(?::(\d{1,5}))?$/;

/** How long `/surfaces/lente` makes the browser wait for its page. */
export const SLOW_PAGE_MS = 6000;

/** The text of the forbidden page, looked for in every frame by the tests. */
export const FORBIDDEN_CONTENT_MARKER = 'CONTENU-INTERDIT';

const DOMAIN = 'entrainement.localhost';
const HOST_PATTERN = /^(hostile|tiers|ailleurs)\.entrainement\.localhost(?::(\d{1,5}))?$/;

function origin(site: string, port: string | undefined): string {
  return `http://${site}.${DOMAIN}${port === undefined ? '' : `:${port}`}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(id: string, title: string, body: string, script = '', head = ''): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8">${head}<title>${escapeHtml(title)} — surfaces (tests de sécurité)</title>
<style>body{font-family:system-ui,sans-serif;font-size:1.3rem;background:#fff4f4;margin:0;padding:1rem}
a,button{font-size:1.6rem;display:inline-block;margin:.4rem;padding:.6rem 1rem}
iframe{width:90%;height:9rem;border:2px dashed #900}
.grand{display:block;width:24rem;height:7rem;background:#ccd;text-align:center;line-height:7rem}</style></head>
<body data-page="${escapeHtml(id)}" data-done="yes"><h1>${escapeHtml(title)}</h1>
${body}
<script>${script}</script>
</body></html>
`;
}

/** Pages of the hostile host: frameable by nobody; frames and scripts from the training hosts. */
function hostileHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': `frame-ancestors 'none'; base-uri 'none'`,
    'X-Frame-Options': 'DENY',
    'Cache-Control': 'no-store',
  };
}

/** Frameable pages (the relay on `tiers`, the forbidden content on `ailleurs`). */
function frameableHeaders(): Record<string, string> {
  return { 'Cache-Control': 'no-store' };
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string>): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function hostilePages(path: string, port: string | undefined): { body: string; headers?: Record<string, string> } | null {
  const elsewhere = `${origin(ELSEWHERE_SITE_ID, port)}/surfaces/contenu`;
  const tiers = origin('tiers', port);
  switch (path) {
    case '/surfaces/cadre-interdit':
      return { body: page('cadre-interdit', 'Un cadre vers un hôte hors liste', `<iframe id="cadre" src="${elsewhere}"></iframe>`) };
    case '/surfaces/cadre-fichier':
      return { body: page('cadre-fichier', 'Un cadre tiers qui demande un fichier', `<iframe id="cadre" src="${tiers}/surfaces/tiers-fichier"></iframe>`) };
    case '/surfaces/cadre-tiers':
      return { body: page('cadre-tiers', 'Un cadre vers le site tiers', `<iframe id="cadre" src="${tiers}/surfaces/tiers-simple"></iframe>`) };
    case '/surfaces/relais-cadre':
      return { body: page('relais-cadre', 'Un cadre autorisé qui encadre un hôte hors liste', `<iframe id="cadre" src="${tiers}/surfaces/relais-cadre"></iframe>`) };
    case '/surfaces/relais-navigue':
      return { body: page('relais-navigue', 'Un cadre autorisé qui part vers un hôte hors liste', `<iframe id="cadre" src="${tiers}/surfaces/relais-navigue"></iframe>`) };
    case '/surfaces/relais-redirige':
      return { body: page('relais-redirige', 'Un cadre autorisé redirigé vers un hôte hors liste', `<iframe id="cadre" src="${tiers}/surfaces/relais-redirige"></iframe>`) };
    case '/surfaces/sandbox-navigue':
      return {
        body: page(
          'sandbox-navigue',
          'Un cadre isolé (sandbox) qui part vers un hôte hors liste',
          `<iframe id="cadre" sandbox="allow-scripts" srcdoc="&lt;p&gt;cadre isolé&lt;/p&gt;&lt;script&gt;setTimeout(function(){location.href='${elsewhere}'},200)&lt;/script&gt;"></iframe>`,
        ),
      };
    case '/surfaces/sandbox-data':
      return {
        body: page(
          'sandbox-data',
          'Un cadre isolé qui se remplace par une adresse data:',
          `<iframe id="cadre" sandbox="allow-scripts" srcdoc="&lt;script&gt;setTimeout(function(){location.href='data:text/html,&amp;lt;p&amp;gt;${FORBIDDEN_CONTENT_MARKER}&amp;lt;/p&amp;gt;'},200)&lt;/script&gt;"></iframe>`,
        ),
      };
    case '/surfaces/document-open':
      return {
        body: page(
          'document-open',
          'document.open() qui réécrit la page avec un cadre hors liste',
          `<button id="reecrire">Réécrire la page</button>`,
          `document.getElementById('reecrire').onclick = function () { document.open(); document.write('<p>page réécrite</p><iframe id="cadre" src="${elsewhere}"></iframe>'); document.close(); };`,
        ),
      };
    case '/surfaces/prerender':
      return {
        body: page(
          'prerender',
          'Une page hors liste préchargée (speculation rules)',
          `<script type="speculationrules">${JSON.stringify({ prerender: [{ source: 'list', urls: [elsewhere] }], prefetch: [{ source: 'list', urls: [elsewhere] }] })}</script>
<a id="lien-precharge" class="grand" href="${elsewhere}">Page préchargée</a>`,
        ),
      };
    case '/surfaces/fichiers':
      return {
        body: page(
          'fichiers',
          'Impression et fichiers',
          `<input id="fichier" type="file">
<button id="imprimer">window.print()</button>
<button id="ouvrir-picker">showOpenFilePicker()</button>
<button id="enregistrer-picker">showSaveFilePicker()</button>
<button id="dossier-picker">showDirectoryPicker()</button>
<iframe id="cadre-imprime" sandbox="allow-modals allow-scripts" srcdoc="&lt;button id=imprimer-cadre style='font-size:1.5rem'&gt;imprimer depuis un cadre&lt;/button&gt;&lt;script&gt;document.getElementById('imprimer-cadre').onclick=function(){print()}&lt;/script&gt;"></iframe>`,
          `function picker(id, name) {
  document.getElementById(id).onclick = function () {
    var call = window[name];
    if (typeof call !== 'function') { document.body.dataset[name] = 'absent'; return; }
    call.call(window).then(function () { document.body.dataset[name] = 'granted'; }, function (e) { document.body.dataset[name] = 'refused:' + e.name; });
  };
}
picker('ouvrir-picker', 'showOpenFilePicker');
picker('enregistrer-picker', 'showSaveFilePicker');
picker('dossier-picker', 'showDirectoryPicker');
document.getElementById('fichier').addEventListener('change', function (e) { document.body.dataset.fichier = String(e.target.files.length); });
document.getElementById('imprimer').onclick = function () { window.print(); };`,
        ),
      };
    case '/surfaces/sans-script':
      // No script at all can run here: the kiosk's page scripts neither.
      return {
        body: page(
          'sans-script',
          'Une page où aucun script ne tourne (CSP sandbox)',
          `<a id="lien" class="grand" href="/surfaces/autorisee">Un lien</a><p>Clic droit, Ctrl+P, Maj+Échap, F12 ici.</p>`,
        ),
        headers: { 'Content-Security-Policy': 'sandbox', 'Cache-Control': 'no-store' },
      };
    case '/surfaces/cadre-sans-script':
      return {
        body: page(
          'cadre-sans-script',
          'Un cadre isolé sans script',
          `<iframe id="cadre" style="height:30rem" sandbox="allow-same-origin" src="/surfaces/autorisee"></iframe>`,
        ),
      };
    case '/surfaces/liens':
      return {
        body: page(
          'liens',
          'Des liens à ouvrir autrement (Ctrl, Maj, bouton du milieu)',
          `<a id="lien" class="grand" href="/surfaces/autorisee">Lien autorisé</a>
<a id="lien-dehors" class="grand" href="${elsewhere}">Lien hors liste</a>
<button id="popup-options">window.open avec des options</button>`,
          `document.getElementById('popup-options').onclick = function () { window.open('/surfaces/autorisee', 'petite', 'width=400,height=300,left=10,top=10'); };`,
        ),
      };
    case '/surfaces/glisser':
      return {
        body: page(
          'glisser',
          'Glisser un lien ou une image',
          `<a id="lien" class="grand" href="${elsewhere}">Glissez-moi</a>
<img id="image" alt="image" width="200" height="120" src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='200' height='120'%3E%3Crect width='200' height='120' fill='%23c00'/%3E%3C/svg%3E">`,
        ),
      };
    case '/surfaces/pointeur':
      return {
        body: page(
          'pointeur',
          'Verrouillage du pointeur',
          `<button id="verrouiller" class="grand">Verrouiller le pointeur</button>`,
          `document.getElementById('verrouiller').onclick = function () {
  try {
    var request = document.body.requestPointerLock();
    if (request && request.then) request.then(function () {}, function (e) { document.body.dataset.pointeur = 'refused:' + e.name; });
  } catch (e) { document.body.dataset.pointeur = 'refused:' + e.name; }
};
document.addEventListener('pointerlockchange', function () { document.body.dataset.pointeur = document.pointerLockElement ? 'locked' : 'unlocked'; });
document.addEventListener('pointerlockerror', function () { document.body.dataset.pointeur = 'error'; });`,
        ),
      };
    case '/surfaces/alertes':
      return {
        body: page(
          'alertes',
          'Une avalanche de fenêtres d’alerte',
          `<button id="alertes">20 alertes</button>`,
          `document.getElementById('alertes').onclick = function () { for (var i = 0; i < 20; i++) { alert('alerte ' + i); confirm('encore ?'); prompt('votre nom ?'); } document.body.dataset.alertes = 'finies'; };`,
        ),
      };
    case '/surfaces/cadre-question':
      // A frame of another host (in the page's process), one of another site (in its own process),
      // and a sandboxed frame with no address of its own each raise an alert:
      // the kiosk's panel must name the frame's host (or none), never the top page's on its behalf.
      return {
        body: page(
          'cadre-question',
          'Des questions posées par des cadres',
          `<button id="message-page">alert() de la page</button>
<iframe id="cadre" src="${tiers}/surfaces/tiers-question"></iframe>
<iframe id="cadre-autre-site" src="http://${OTHER_SITE_HOST}${port === undefined ? '' : `:${port}`}/surfaces/autre-site-question"></iframe>
<iframe id="cadre-isole" sandbox="allow-scripts allow-modals" srcdoc="&lt;button id=message-isole&gt;alert() du cadre isolé&lt;/button&gt;&lt;script&gt;document.getElementById('message-isole').onclick=function(){alert('Message du cadre isolé')}&lt;/script&gt;"></iframe>`,
          `document.getElementById('message-page').onclick = function () { alert('Message de la page'); };`,
        ),
      };
    case '/surfaces/champ-ombre':
      // A web component's e-mail field, inside an open shadow root (the keyboard must follow it),
      // and a button whose script pretends a finger touched the other field, then focuses it
      // (a page cannot make up a touch: no keyboard comes for that).
      return {
        body: page(
          'champ-ombre',
          'Un champ dans un composant web',
          `<champ-courriel id="composant"></champ-courriel>
<p><label>Courriel (hors composant) <input id="courriel-clair" type="email" autocomplete="email" style="font-size:2rem"></label></p>
<button id="faux-doigt">Faire semblant de toucher le champ</button>`,
          `customElements.define('champ-courriel', class extends HTMLElement {
  constructor() { super(); this.attachShadow({ mode: 'open' }).innerHTML = '<label>Courriel <input id="courriel-ombre" type="email" autocomplete="email" style="font-size:2rem"></label>'; }
});
document.getElementById('faux-doigt').onclick = function () {
  var field = document.getElementById('courriel-clair');
  field.dispatchEvent(new PointerEvent('pointerdown', { pointerType: 'touch', bubbles: true, composed: true }));
  field.dispatchEvent(new TouchEvent('touchstart', { bubbles: true, composed: true }));
  field.focus();
};`,
        ),
      };
    case '/surfaces/autorisee':
      return { body: page('autorisee', 'Une page autorisée', '<p>Page autorisée du site hostile.</p>') };
    default:
      return null;
  }
}

function tiersPages(path: string, port: string | undefined): string | null {
  const elsewhere = `${origin(ELSEWHERE_SITE_ID, port)}/surfaces/contenu`;
  switch (path) {
    case '/surfaces/tiers-fichier':
      return page(
        'tiers-fichier',
        'Cadre tiers avec un champ de fichier',
        '<input type="file" id="fichier-cadre" accept=".pdf">',
        `document.getElementById('fichier-cadre').addEventListener('change', async function (event) { var file = event.target.files[0]; var digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer()); document.body.setAttribute('data-recu', file.name + ':' + Array.from(new Uint8Array(digest)).map(function (b) { return b.toString(16).padStart(2, '0'); }).join('')); });`,
      );
    case '/surfaces/tiers-question':
      return page('tiers-question', 'Cadre tiers qui pose une question', '<button id="message-cadre">alert() du cadre</button>', `document.getElementById('message-cadre').onclick = function () { alert('Message du cadre tiers'); };`);
    case '/surfaces/tiers-simple':
      return page('tiers-simple', 'Cadre tiers autorisé', '<p>Contenu du site tiers.</p>');
    case '/surfaces/relais-cadre':
      return page('relais-cadre', 'Cadre tiers qui encadre ailleurs', `<iframe id="cadre-ailleurs" src="${elsewhere}"></iframe>`);
    case '/surfaces/relais-navigue':
      return page('relais-navigue', 'Cadre tiers qui part ailleurs', '<p>Je pars…</p>', `setTimeout(function () { location.href = ${JSON.stringify(elsewhere)}; }, 300);`);
    default:
      return null;
  }
}

/**
 * Answers `/surfaces/…` on the hostile and third-party hosts and every path of
 * `ailleurs` and of the other site's host. Returns false for anything else, which the server answers as usual.
 */
export function handleHostileSurfaces(req: IncomingMessage, res: ServerResponse): boolean {
  const hostHeader = (req.headers.host ?? '').trim().toLowerCase();
  if (OTHER_SITE_PATTERN.test(hostHeader)) {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/surfaces/autre-site-question') {
      send(res, 200, page('autre-site-question', "Cadre d'un autre site qui pose une question", '<button id="message-autre-site">alert() du cadre</button>', `document.getElementById('message-autre-site').onclick = function () { alert("Message du cadre d'un autre site"); };`), frameableHeaders());
    } else {
      send(res, 404, page('absente', 'Page absente', '<p>Rien ici.</p>'), frameableHeaders());
    }
    return true;
  }
  const match = HOST_PATTERN.exec(hostHeader);
  if (match === null) return false;
  const [, site, port] = match;
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (site === ELSEWHERE_SITE_ID) {
    send(res, 200, page('ailleurs', 'Hôte hors de toute liste', `<p id="interdit" style="font-size:3rem;color:#c00">${FORBIDDEN_CONTENT_MARKER}</p>`), frameableHeaders());
    return true;
  }
  if (!path.startsWith('/surfaces/')) return false;
  if (site === 'hostile' && path === '/surfaces/lente') {
    // A first page that takes its time, as on a bus's failing 4G link; a visitor may move on meanwhile.
    const timer = setTimeout(() => send(res, 200, page('lente', 'Page lente', '<p>Enfin là.</p>'), hostileHeaders()), SLOW_PAGE_MS);
    res.once('close', () => clearTimeout(timer));
    return true;
  }
  if (site === 'hostile') {
    const found = hostilePages(path, port);
    if (found === null) return false;
    send(res, 200, found.body, found.headers ?? hostileHeaders());
    return true;
  }
  if (path === '/surfaces/relais-redirige') {
    res.writeHead(302, { Location: `${origin(ELSEWHERE_SITE_ID, port)}/surfaces/contenu`, 'Cache-Control': 'no-store' });
    res.end();
    return true;
  }
  const body = tiersPages(path, port);
  if (body === null) return false;
  send(res, 200, body, frameableHeaders());
  return true;
}
