// Site definitions and HTML templates of the local "training" sites.
// Every site here is fictitious: no real names, logos or brand imagery.
// Code and comments are in English; every text the visitor reads is in French.

/** Parent domain of every training site: `<siteId>.entrainement.localhost`. */
export const TRAINING_DOMAIN = 'entrainement.localhost';

/**
 * - `demarche`: an administrative procedure site (home, login, account).
 * - `connexion`: a separate login host serving another site (`sessionFor`).
 * - `identite`: the identity provider (login button + `retour` redirect).
 * - `extension`: a site another module mounts on the server (`TrainingSiteExtension`
 *   in server.ts: the security tests' hostile sites).
 */
export type SiteKind = 'demarche' | 'connexion' | 'identite' | 'extension';

export interface SiteDefinition {
  readonly id: string;
  readonly name: string;
  readonly kind: SiteKind;
  readonly description: string;
  /** For a démarche site whose login page lives on another host. */
  readonly loginSiteId?: string;
  /** For a login host: the démarche site it logs visitors into. */
  readonly sessionFor?: string;
}

export const SITES: readonly SiteDefinition[] = [
  {
    id: 'caf',
    name: "Caisse d'allocations — site d'entraînement",
    kind: 'demarche',
    description:
      "Sur ce site fictif, vous pouvez vous entraîner à consulter vos allocations et à déclarer vos ressources, sans aucun risque.",
    loginSiteId: 'connexion-caf',
  },
  {
    id: 'connexion-caf',
    name: "Connexion à la Caisse d'allocations — site d'entraînement",
    kind: 'connexion',
    description:
      "Comme sur le vrai site, la connexion se fait sur une adresse séparée. Ici, tout est fictif.",
    sessionFor: 'caf',
  },
  {
    id: 'anef',
    name: "Titres de séjour (étrangers) — site d'entraînement",
    kind: 'demarche',
    description:
      "Sur ce site fictif, vous pouvez vous entraîner à demander ou à renouveler un titre de séjour, sans aucun risque.",
  },
  {
    id: 'ants',
    name: "Titres et permis — site d'entraînement",
    kind: 'demarche',
    description:
      "Sur ce site fictif, vous pouvez vous entraîner à demander une carte d'identité, un passeport ou un permis de conduire, sans aucun risque.",
  },
  {
    id: 'franceconnect',
    name: "Connexion d'identité — site d'entraînement",
    kind: 'identite',
    description:
      "Ce service fictif imite un service qui permet de se connecter à plusieurs sites avec le même compte.",
  },
];

export function findSite(id: string): SiteDefinition | undefined {
  return SITES.find((site) => site.id === id);
}

/** Builds the origin of a site, e.g. `http://caf.entrainement.localhost:8470`. */
export function siteOrigin(siteId: string, port: number | undefined): string {
  const portPart = port === undefined ? '' : `:${port}`;
  return `http://${siteId}.${TRAINING_DOMAIN}${portPart}`;
}

/** True when `value` is an absolute http(s) URL whose host is a training host. */
export function isTrainingUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.username !== '' || url.password !== '') return false;
  return url.hostname.toLowerCase().endsWith(`.${TRAINING_DOMAIN}`);
}

/** Escapes text and double-quoted attribute values (templates always use double quotes). */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

// ---------------------------------------------------------------------------
// Layout

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,Arial,sans-serif;font-size:1.3rem;line-height:1.6;color:#111;background:#f6f6f6}
.bandeau{background:#ffd500;color:#000;border-bottom:4px solid #000;padding:.6rem 1rem;font-weight:700;text-align:center;font-size:1.3rem}
header{background:#fff;border-bottom:1px solid #ccc;padding:.8rem 1rem}
header .nom{font-weight:700}
main{max-width:46rem;margin:1.5rem auto;padding:1.5rem;background:#fff;border:1px solid #ccc;border-radius:.5rem}
h1{font-size:2rem;line-height:1.25;margin-top:0}
a{color:#003a9b}
a:focus,button:focus,input:focus{outline:4px solid #ff8c00;outline-offset:2px}
ul.liens{list-style:none;padding:0}
ul.liens li{margin:.7rem 0}
label{display:block;font-weight:700;margin-top:1rem}
input{font-size:1.3rem;padding:.5rem;width:100%;max-width:24rem;border:2px solid #333;border-radius:.3rem}
button,.bouton{display:inline-block;margin-top:1.2rem;font-size:1.3rem;padding:.6rem 1.4rem;background:#003a9b;color:#fff;border:0;border-radius:.3rem;text-decoration:none;cursor:pointer}
.erreur{border-left:6px solid #c00;background:#fde8e8;padding:.6rem 1rem;color:#800}
.info{border-left:6px solid #003a9b;background:#e8eefb;padding:.6rem 1rem}
footer{max-width:46rem;margin:0 auto 2rem;padding:0 1.5rem;font-size:1rem;color:#444}
`;

export interface LayoutOptions {
  /** Document title (without the training suffix). */
  readonly title: string;
  /** Name shown in the header (a site name, or a generic label). */
  readonly siteName?: string;
  /** Already-escaped HTML placed inside <main>. */
  readonly body: string;
  /** Already-escaped inline script placed at the end of <body>. */
  readonly script?: string;
}

/** The single layout used by every page. */
export function layout(options: LayoutOptions): string {
  const siteName = options.siteName ?? "Sites d'entraînement";
  const script = options.script === undefined ? '' : `\n<script>${options.script}</script>`;
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(options.title)} — site d'entraînement</title>
<style>${STYLE}</style>
</head>
<body>
<div class="bandeau" role="note" id="bandeau-entrainement">Site d'entraînement — aucune donnée réelle</div>
<header><span class="nom">${escapeHtml(siteName)}</span></header>
<main id="contenu">
${options.body}
</main>
<footer><p>Ce site est un site d'entraînement : il est fictif et rien n'y est réel. Aucune démarche n'est envoyée à une administration. N'y saisissez jamais vos vrais identifiants.</p></footer>${script}
</body>
</html>
`;
}

// ---------------------------------------------------------------------------
// Pages

/** Resolves a site id to the origin to use in links of the current response. */
export type OriginOf = (siteId: string) => string;

export function homePage(site: SiteDefinition, originOf: OriginOf): string {
  const loginHref =
    site.loginSiteId === undefined ? '/connexion' : `${originOf(site.loginSiteId)}/connexion`;
  const retour = `${originOf(site.id)}/mon-compte`;
  const franceconnectHref = `${originOf('franceconnect')}/?retour=${encodeURIComponent(retour)}`;
  return layout({
    title: site.name,
    siteName: site.name,
    body: `<h1>${escapeHtml(site.name)}</h1>
<p>${escapeHtml(site.description)}</p>
<p class="info">Ceci est un site d'entraînement. Rien n'est réel : vous pouvez essayer sans crainte.</p>
<h2>Accéder à mon espace</h2>
<ul class="liens">
<li><a class="bouton" id="lien-connexion" href="${escapeHtml(loginHref)}">Me connecter</a></li>
<li><a id="lien-franceconnect" href="${escapeHtml(franceconnectHref)}">Me connecter avec mon compte d'identité (entraînement)</a></li>
</ul>
<h2>Autres liens</h2>
<ul class="liens">
<li><a id="lien-externe" href="https://www.example.com/">Consulter un site extérieur</a></li>
<li><a id="lien-redirection" href="/partir">Partir vers un autre site (redirection)</a></li>
<li><a id="lien-lent" href="/lent">Page qui met du temps à s'afficher</a></li>
<li><a id="lien-erreur" href="/erreur">Page en panne</a></li>
</ul>
<h2>Joindre des documents</h2>
<ul class="liens">
<li><a id="lien-justificatifs" href="/justificatifs">Joindre vos justificatifs (PDF, JPEG ou PNG)</a></li>
<li><a id="lien-justificatif-pdf" href="/justificatif-pdf">Joindre votre avis (un PDF)</a></li>
</ul>`,
  });
}

export interface LoginPageOptions {
  readonly error?: string;
  readonly identifiant?: string;
  /** Origin of the démarche site served by this login page (for a "back" link). */
  readonly backHref: string;
}

export function loginPage(site: SiteDefinition, options: LoginPageOptions): string {
  const hasError = options.error !== undefined;
  const invalid = hasError ? ' aria-invalid="true" aria-describedby="erreur-connexion"' : '';
  const errorBlock = hasError
    ? `<p class="erreur" role="alert" id="erreur-connexion">${escapeHtml(options.error ?? '')}</p>\n`
    : '';
  return layout({
    title: hasError ? 'Erreur — Me connecter' : 'Me connecter',
    siteName: site.name,
    body: `<h1>Me connecter</h1>
${errorBlock}<p class="info">Entraînement : inventez un identifiant et un mot de passe. N'utilisez jamais vos vrais identifiants.</p>
<form method="post" action="/connexion" novalidate>
<label for="identifiant">Identifiant</label>
<input id="identifiant" name="identifiant" type="text" autocomplete="username" value="${escapeHtml(options.identifiant ?? '')}"${invalid}>
<label for="mot-de-passe">Mot de passe</label>
<input id="mot-de-passe" name="mot-de-passe" type="password" autocomplete="current-password"${invalid}>
<div><button type="submit">Se connecter</button></div>
</form>
<p><a href="${escapeHtml(options.backHref)}">Retour à l'accueil du site</a></p>`,
  });
}

/** Inline script of the account page: fills local/session storage and IndexedDB. */
export const STORAGE_SCRIPT = `(function () {
  'use strict';
  var statut = document.getElementById('etat-stockage');
  function fin(etat, texte) {
    document.body.dataset.stockage = etat;
    if (statut) statut.textContent = texte;
  }
  function echec() { fin('erreur', "Le brouillon n'a pas pu être enregistré sur cet appareil."); }
  try {
    localStorage.setItem('brouillon', 'demarche-en-cours');
    sessionStorage.setItem('etape', '2');
  } catch (e) { echec(); return; }
  function ouvrir(version) {
    var requete;
    try {
      requete = version > 0 ? indexedDB.open('entrainement', version) : indexedDB.open('entrainement');
    } catch (e) { echec(); return; }
    requete.onupgradeneeded = function () {
      var base = requete.result;
      if (!base.objectStoreNames.contains('brouillons')) {
        base.createObjectStore('brouillons', { keyPath: 'id' });
      }
    };
    requete.onerror = echec;
    requete.onsuccess = function () {
      var base = requete.result;
      if (!base.objectStoreNames.contains('brouillons')) {
        var suivante = base.version + 1;
        base.close();
        ouvrir(suivante);
        return;
      }
      var transaction = base.transaction('brouillons', 'readwrite');
      transaction.objectStore('brouillons').put({ id: 1, texte: 'formulaire commencé' });
      transaction.oncomplete = function () {
        base.close();
        fin('pret', 'Brouillon enregistré sur cet appareil (entraînement).');
      };
      transaction.onerror = transaction.onabort = function () { base.close(); echec(); };
    };
  }
  ouvrir(0);
})();`;

export function accountPage(site: SiteDefinition): string {
  return layout({
    title: 'Mon espace — entraînement',
    siteName: site.name,
    body: `<h1>Mon espace — entraînement</h1>
<p id="etat-connexion" role="status">Vous êtes connecté·e</p>
<p>Bienvenue sur votre espace fictif. Dossier d'entraînement n° ENT-0000 : aucune démarche réelle n'est en cours.</p>
<p id="etat-stockage" aria-live="polite">Enregistrement du brouillon…</p>
<p><a class="bouton" id="lien-deconnexion" href="/deconnexion">Se déconnecter</a></p>`,
    script: STORAGE_SCRIPT,
  });
}

export function logoutPage(site: SiteDefinition): string {
  return layout({
    title: 'Déconnexion',
    siteName: site.name,
    body: `<h1>Vous êtes déconnecté·e</h1>
<p>Vous avez bien quitté votre espace d'entraînement.</p>
<p><a href="/">Retour à l'accueil du site</a></p>`,
  });
}

export interface IdentityPageOptions {
  /** Validated return URL, or undefined when missing/refused. */
  readonly retour?: string;
  /** True when a `retour` was given but refused. */
  readonly refused: boolean;
}

export function identityPage(
  site: SiteDefinition,
  options: IdentityPageOptions,
  originOf: OriginOf,
): string {
  const action =
    options.retour === undefined
      ? `<p class="erreur" role="alert" id="erreur-retour">${
          options.refused
            ? "L'adresse de retour est refusée : elle ne correspond pas à un site d'entraînement."
            : "Aucun site ne vous a envoyé ici. Revenez sur un site d'entraînement pour vous connecter."
        }</p>
${demarcheLinks(originOf)}`
      : `<form method="post" action="/autoriser">
<input type="hidden" name="retour" value="${escapeHtml(options.retour)}">
<button type="submit" id="bouton-identite">Me connecter avec mon identité d'entraînement</button>
</form>`;
  return layout({
    title: site.name,
    siteName: site.name,
    body: `<h1>${escapeHtml(site.name)}</h1>
<p>${escapeHtml(site.description)}</p>
<p class="info">Entraînement : aucun mot de passe n'est demandé ici. Rien n'est réel.</p>
${action}`,
  });
}

function demarcheLinks(originOf: OriginOf): string {
  const items = SITES.filter((site) => site.kind === 'demarche')
    .map((site) => `<li><a href="${escapeHtml(`${originOf(site.id)}/`)}">${escapeHtml(site.name)}</a></li>`)
    .join('\n');
  return `<ul class="liens">\n${items}\n</ul>`;
}

export function refusedReturnPage(site: SiteDefinition, originOf: OriginOf): string {
  return identityPage(site, { refused: true }, originOf);
}

export function slowPage(site: SiteDefinition): string {
  return layout({
    title: 'Page lente',
    siteName: site.name,
    body: `<h1>Page lente</h1>
<p id="page-lente">Cette page a mis quelques secondes à s'afficher. C'est normal : c'est un exercice.</p>
<p><a href="/">Retour à l'accueil du site</a></p>`,
  });
}

export function serverErrorPage(siteName?: string): string {
  return layout({
    title: 'Erreur du serveur',
    ...(siteName === undefined ? {} : { siteName }),
    body: `<h1>Le service est en panne</h1>
<p id="page-erreur">Une erreur est survenue sur ce site d'entraînement (erreur 500). Réessayez plus tard.</p>
<p><a href="/">Retour à l'accueil du site</a></p>`,
  });
}

export function notFoundPage(siteName?: string): string {
  return layout({
    title: 'Page introuvable',
    ...(siteName === undefined ? {} : { siteName }),
    body: `<h1>Page introuvable</h1>
<p id="page-introuvable">Cette page n'existe pas sur les sites d'entraînement (erreur 404).</p>`,
  });
}

export function methodNotAllowedPage(siteName: string): string {
  return layout({
    title: 'Action impossible',
    siteName,
    body: `<h1>Action impossible</h1>
<p>Cette action n'est pas possible sur cette page (erreur 405).</p>
<p><a href="/">Retour à l'accueil du site</a></p>`,
  });
}

/** "Mot de passe oublié": an e-mail field (the on-screen keyboard's e-mail layout), nothing is sent. */
export function forgottenPasswordPage(site: SiteDefinition, submitted: boolean): string {
  const body = submitted
    ? `<h1>Mot de passe oublié</h1>
<p id="lien-envoye" role="status">Sur le vrai site, un lien pour choisir un nouveau mot de passe arriverait maintenant dans votre boîte e-mail. Ici, rien n'est envoyé.</p>
<p><a href="/">Retour à l'accueil du site</a></p>`
    : `<h1>Mot de passe oublié</h1>
<p class="info">Entraînement : écrivez une adresse e-mail inventée. Rien n'est envoyé.</p>
<form method="post" action="/mot-de-passe-oublie" novalidate>
<label for="courriel">Votre adresse e-mail</label>
<input id="courriel" name="courriel" type="email" autocomplete="email">
<div><button type="submit" id="envoyer-lien">Recevoir un lien</button></div>
</form>
<p><a href="/">Retour à l'accueil du site</a></p>`;
  return layout({ title: 'Mot de passe oublié', siteName: site.name, body });
}

/** The two forms of "Joindre vos justificatifs": several PDFs or pictures, or one PDF. */
export const ATTACHMENT_FORMS = {
  '/justificatifs': { accept: '.pdf,image/jpeg,image/png', multiple: true, title: 'Joindre vos justificatifs' },
  '/justificatif-pdf': { accept: 'application/pdf', multiple: false, title: 'Joindre votre avis (PDF)' },
} as const;

/** The largest file the training forms take, checked by the page itself (as real sites do). */
export const ATTACHMENT_FORM_MAX_BYTES = 2 * 1024 * 1024;

/**
 * A démarche's "Joindre vos justificatifs" page: a file input with `accept` and
 * `multiple`, and a script that checks each file's type and size as real sites do
 * and shows what it received, with each file's SHA-256 computed in the page (the
 * end-to-end tests compare it with the file on disk). Nothing is sent anywhere.
 */
export function attachmentFormPage(site: SiteDefinition, path: keyof typeof ATTACHMENT_FORMS): string {
  const form = ATTACHMENT_FORMS[path];
  const script = `
const input = document.getElementById('justificatif');
const list = document.getElementById('recus');
const problem = document.getElementById('erreur-fichier');
const max = ${ATTACHMENT_FORM_MAX_BYTES};
const allowed = ${JSON.stringify(form.accept.split(','))};
const takes = (file) => allowed.some((rule) => rule.startsWith('.') ? file.name.toLowerCase().endsWith(rule) : rule.endsWith('/*') ? file.type.startsWith(rule.slice(0, -1)) : file.type === rule);
input.addEventListener('change', async () => {
  list.replaceChildren();
  problem.hidden = true;
  document.body.removeAttribute('data-recu');
  const files = [...input.files];
  const refused = files.filter((file) => !takes(file) || file.size > max);
  if (refused.length > 0) {
    problem.textContent = refused.map((file) => file.size > max ? file.name + ' : fichier trop lourd (2 Mo au plus)' : file.name + ' : type de fichier refusé').join(' ; ');
    problem.hidden = false;
    document.body.setAttribute('data-recu', 'refuse');
    return;
  }
  for (const file of files) {
    const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
    const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
    const item = document.createElement('li');
    item.dataset.name = file.name;
    item.dataset.size = String(file.size);
    item.dataset.type = file.type;
    item.dataset.sha256 = hex;
    item.textContent = file.name + ' (' + Math.max(1, Math.round(file.size / 1024)) + ' ko)';
    list.append(item);
  }
  document.body.setAttribute('data-recu', String(files.length));
});`;
  return layout({
    title: form.title,
    siteName: site.name,
    body: `<h1>${escapeHtml(form.title)}</h1>
<p>Ajoutez ${form.multiple ? 'vos justificatifs (PDF, JPEG ou PNG)' : 'votre avis au format PDF'}, 2 Mo au plus par fichier.</p>
<form id="formulaire-justificatifs" onsubmit="return false">
<label for="justificatif">${form.multiple ? 'Vos justificatifs' : 'Votre avis'}</label>
<input type="file" id="justificatif" name="justificatif" accept="${escapeHtml(form.accept)}"${form.multiple ? ' multiple' : ''}>
<p class="erreur" id="erreur-fichier" role="alert" hidden></p>
<p><a id="lien-attestation" href="/attestation.pdf">Télécharger votre attestation (PDF)</a></p>
<h2>Fichiers reçus</h2>
<ul id="recus"></ul>
</form>`,
    script,
  });
}

/**
 * `/questions`: the site's own dialogs, to practise the kiosk's panel for them: a message
 * (alert), a request sent only when the visitor accepts (confirm), a question to answer
 * (prompt), a burst of five messages in a row, and a form that asks "leave this page?"
 * once something was typed in it (beforeunload).
 */
export function siteQuestionsPage(site: SiteDefinition, sent: boolean): string {
  const body = `<h1>Les questions du site</h1>
<p class="info">Entraînement : ce site pose ses questions dans des fenêtres. La borne les montre dans son propre panneau.</p>
${sent ? '<p id="demande-envoyee" role="status">Votre demande a été envoyée (entraînement : rien n\'est envoyé).</p>' : ''}
<p><button type="button" id="message">Afficher un message</button></p>
<form id="demande" method="get" action="/questions">
<input type="hidden" name="envoye" value="1">
<p><button type="submit" id="envoyer">Envoyer ma demande</button></p>
</form>
<p><button type="button" id="question">Donner mon prénom</button> <output id="reponse"></output></p>
<p><button type="button" id="rafale">Cinq messages à la suite</button> <output id="rafale-compte">0</output></p>
<p><label for="brouillon">Brouillon (la page demande avant de partir)</label>
<input id="brouillon" name="brouillon" type="text" autocomplete="off"></p>
<p><a id="retour" href="/">Retour à l'accueil du site</a></p>`;
  const script = `
document.getElementById('message').addEventListener('click', () => { alert('Votre dossier est complet.\\nPensez à le télécharger.'); });
document.getElementById('demande').addEventListener('submit', (event) => { if (!confirm('Envoyer votre demande ? Vous ne pourrez plus la modifier.')) event.preventDefault(); });
document.getElementById('question').addEventListener('click', () => { const name = prompt('Quel est votre prénom ?', ''); document.getElementById('reponse').textContent = name === null ? '(pas de réponse)' : 'Bonjour ' + name; });
document.getElementById('rafale').addEventListener('click', () => { for (let i = 1; i <= 5; i += 1) { alert('Message ' + i + ' sur 5'); document.getElementById('rafale-compte').textContent = String(i); } });
document.getElementById('brouillon').addEventListener('input', () => { window.onbeforeunload = (event) => { event.preventDefault(); event.returnValue = ''; return ''; }; });`;
  return layout({ title: 'Les questions du site', siteName: site.name, body, script });
}

/**
 * `/attestation`: a document to print, as a real site gives one: an "Imprimer" button
 * that calls window.print().
 */
export function printableAttestationPage(site: SiteDefinition): string {
  const body = `<h1>Attestation de paiement</h1>
<p class="info">Entraînement : cette attestation est fictive.</p>
<p id="attestation-texte">Attestation d'entraînement numéro ENTR-2026-0042. Montant versé : 123,45 euros.</p>
<p><button type="button" id="imprimer">Imprimer l'attestation</button></p>
<p><a href="/">Retour à l'accueil du site</a></p>`;
  return layout({ title: 'Attestation de paiement', siteName: site.name, body, script: `document.getElementById('imprimer').addEventListener('click', () => window.print());` });
}

/** The training démarches' attestation: a small, valid one-page PDF, the same bytes every time. */
export function attestationPdf(site: SiteDefinition): Buffer {
  const text = `Attestation - ${site.id} - site d'entrainement`.replace(/[()\\]/g, '');
  const stream = `BT /F1 14 Tf 60 760 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
