/**
 * The log's events in plain French for the staff screen ("dernières erreurs"): what
 * happened, and what to do when staff can do something. Pure: the screen passes an
 * event name and its (anonymous) fields, as read back from the log file.
 */
export interface StaffSentence {
  what: string;
  /** One sentence, or null when nothing is to be done. */
  todo: string | null;
}

type Fields = Record<string, string | number | boolean | null>;

const PRINTER_PROBLEMS: Record<string, StaffSentence> = {
  'paper-end': { what: "L'imprimante n'a plus de papier.", todo: 'Mettez un rouleau neuf, puis imprimez la page de test.' },
  'cover-open': { what: "Le capot de l'imprimante est ouvert.", todo: 'Refermez le capot jusqu\'au clic.' },
  offline: { what: "L'imprimante ne répond pas.", todo: 'Vérifiez qu\'elle est allumée et que son câble est branché.' },
  unplugged: { what: "L'imprimante est débranchée.", todo: 'Rebranchez son câble USB ou série, puis imprimez la page de test.' },
  'cutter-error': { what: "Le massicot de l'imprimante est bloqué.", todo: 'Ouvrez le capot, retirez le papier coincé, refermez.' },
  'head-hot': { what: "La tête de l'imprimante est trop chaude.", todo: 'Attendez quelques minutes avant d\'imprimer.' },
  'unrecoverable-error': { what: "L'imprimante signale une panne.", todo: 'Éteignez-la et rallumez-la ; si cela continue, appelez le technicien.' },
};

const SENTENCES: Record<string, (fields: Fields) => StaffSentence> = {
  'config-invalid': (fields) => ({ what: `Le fichier de la borne est refusé : ${String(fields.problem ?? '')}`.trim(), todo: 'Corrigez le fichier (npm run config:check le vérifie), puis rechargez-le.' }),
  'wipe-failed': (fields) => ({ what: `L'effacement après un visiteur a échoué (${String(fields.failedSteps ?? 'étape inconnue')}) : la borne est hors service.`, todo: 'Redémarrez la borne ; si cela recommence, appelez le technicien.' }),
  'wipe-step-slow': (fields) => ({ what: `L'effacement après un visiteur est lent : l'étape « ${String(fields.step ?? '?')} » dure déjà ${String(fields.ms ?? '?')} ms.`, todo: null }),
  'wipe-step-slow-done': (fields) => ({ what: `Une étape lente de l'effacement (« ${String(fields.step ?? '?')} ») a fini en ${String(fields.ms ?? '?')} ms.`, todo: 'Si cela se répète souvent, signalez-le au technicien.' }),
  'wipe-step-timed-out': (fields) => ({ what: `L'étape « ${String(fields.step ?? '?')} » de l'effacement n'a pas fini à temps (${String(fields.ms ?? '?')} ms) : la borne est hors service.`, todo: 'Redémarrez la borne ; si cela recommence, appelez le technicien.' }),
  'site-crashed': () => ({ what: "Le site d'une démarche s'est arrêté brutalement ; la session a été effacée.", todo: null }),
  'site-unreachable': (fields) => ({ what: `Le site de la démarche « ${String(fields.tile ?? '?')} » ne répondait pas.`, todo: null }),
  'connectivity-lost': () => ({ what: 'La connexion Internet est coupée.', todo: 'Vérifiez le câble, le Wi-Fi ou la 4G du routeur.' }),
  'connectivity-listener-failed': () => ({ what: "Le suivi de la connexion Internet a rencontré une erreur interne.", todo: 'Si les démarches restent bloquées hors ligne, redémarrez la borne.' }),
  'connectivity-back': () => ({ what: 'La connexion Internet est revenue.', todo: null }),
  'memo-print-failed': (fields) =>
    PRINTER_PROBLEMS[String(fields.problem)] ?? { what: "L'impression du mémo a échoué.", todo: "Vérifiez l'imprimante, puis imprimez la page de test." },
  'kiosk-ui-lost': () => ({ what: "La fenêtre de la borne s'est fermée ; elle a été rouverte.", todo: null }),
  'kiosk-ui-relaunch-failed': () => ({ what: "La fenêtre de la borne n'a pas pu être rouverte.", todo: 'Redémarrez la borne.' }),
  'visitor-browser-launch-failed': () => ({ what: "Le navigateur des visiteurs n'a pas pu démarrer.", todo: 'Redémarrez la borne ; si cela recommence, appelez le technicien.' }),
  'shell-start-failed': () => ({ what: "La borne n'a pas pu démarrer.", todo: 'Redémarrez la borne ; si cela recommence, appelez le technicien.' }),
  'shell-failed': () => ({ what: 'La borne a rencontré une panne au démarrage : elle est hors service.', todo: 'Redémarrez la borne ; si cela recommence, appelez le technicien.' }),
  'ui-load-failed': () => ({ what: "L'écran de la borne n'a pas pu s'afficher.", todo: 'Redémarrez la borne.' }),
  'layout-failed': () => ({ what: "La disposition de l'écran n'a pas pu être changée.", todo: null }),
  'controller-failed': () => ({ what: 'Une opération interne de la borne a échoué.', todo: 'Si la borne ne répond plus, redémarrez-la.' }),
  'window-placement-restored': () => ({ what: 'Une fenêtre déplacée a été remise en place.', todo: null }),
  'unknown-tile-requested': () => ({ what: "Une démarche inconnue a été demandée (l'écran et le fichier ne correspondent plus).", todo: 'Rechargez le fichier de la borne.' }),
  'staff-no-pin': () => ({ what: "Quelqu'un a voulu entrer en mode personnel, mais aucun code PIN n'est défini.", todo: 'Définissez un code : npm run set-pin.' }),
  'staff-pin-wrong': (fields) => ({ what: `Code PIN du personnel erroné (encore ${String(fields.triesLeft ?? '?')} essais).`, todo: null }),
  'staff-locked': (fields) => ({ what: `Trop de codes PIN erronés : mode personnel bloqué ${String(fields.minutes ?? '?')} minutes.`, todo: null }),
  'staff-pin-while-locked': () => ({ what: 'Un code PIN a été tapé pendant le blocage du mode personnel.', todo: null }),
  'staff-lock-state-unreadable': () => ({ what: "L'état du blocage du code PIN était illisible : mode personnel bloqué 5 minutes par prudence.", todo: null }),
  'staff-lock-state-not-saved': () => ({ what: "La borne n'arrive pas à enregistrer les essais de code PIN.", todo: "Vérifiez l'espace disque et le dossier d'état (staff.stateDirectory)." }),
  'staff-lock-clock-went-back': () => ({ what: "L'horloge de la borne a reculé ; le blocage du code PIN repart de maintenant.", todo: "Vérifiez la date et l'heure de la borne." }),
  'counters-unreadable': () => ({ what: "Le fichier des compteurs était abîmé : il a été mis de côté et le comptage recommence.", todo: null }),
  'counters-not-saved': () => ({ what: "Les compteurs d'activité ne peuvent pas être enregistrés.", todo: "Vérifiez l'espace disque et le dossier d'état (staff.stateDirectory)." }),
  'counters-visit-left-open': () => ({ what: "La borne s'était arrêtée pendant une visite (coupure ou panne).", todo: null }),
  'log-file-unwritable': () => ({ what: "Le journal de la borne ne peut pas être écrit dans son fichier.", todo: 'Vérifiez le dossier staff.logDirectory, ses droits et l\'espace disque.' }),
  'config-reload-refused': (fields) => ({ what: `Le fichier de la borne rechargé est refusé (${String(fields.problems ?? '?')} problèmes) : la borne garde l'ancien.`, todo: 'Corrigez les lignes affichées (npm run config:check les vérifie), puis rechargez.' }),
  'launch-leftovers-swept': (fields) => ({ what: `Au démarrage, la borne a effacé ${String(fields.folders ?? '?')} dossier(s) laissé(s) par un arrêt brutal (coupure ou panne).`, todo: null }),
  'attach-failed': () => ({ what: "Un document choisi par un visiteur n'a pas pu être remis au site de la démarche.", todo: 'Si cela se répète, redémarrez la borne.' }),
  'scan-failed': (fields) => ({
    what: fields.problem === 'too-large' ? 'Un document scanné restait trop lourd pour la limite de la borne, même à la qualité la plus basse.' : "Le scanner n'a pas pu numériser une page (ou la convertir).",
    todo: fields.problem === 'too-large' ? 'Si cela se répète, augmentez documents.scanMaxKilobytes ou baissez documents.scanner.resolution.' : 'Vérifiez que le scanner est allumé et branché (scanimage -L le liste).',
  }),
  'memo-refused': () => ({ what: "L'écran de la borne a demandé un mémo impossible (service inconnu ou en double) : rien n'a été imprimé.", todo: 'Si cela se répète, rechargez le fichier de la borne ou redémarrez-la.' }),
  'input-idle-unreadable': () => ({ what: "La borne n'arrive pas à lire l'inactivité de l'écran tactile, de la souris et du clavier : les visites s'effacent à la fin du délai d'inactivité même si quelqu'un est là.", todo: 'Redémarrez la borne ; si cela recommence, appelez le technicien.' }),
  'chromium-policies-missing': (fields) => ({ what: `Les règles de verrouillage de Chromium ne sont pas en vigueur (${String(fields.problems ?? '?')}) : la borne est hors service.`, todo: 'Réinstallez le paquet de la borne (il pose /etc/chromium/policies/managed/borne-kiosk.json), puis redémarrez-la.' }),
  'chromium-policies-not-checked': () => ({ what: "La borne tourne sans vérifier les règles de verrouillage de Chromium (mode démonstration).", todo: "N'accueillez pas de visiteur sur une borne en mode démonstration." }),
  'input-filter-failed': () => ({ what: "La borne n'a pas pu prendre les raccourcis du navigateur au serveur X : elle est hors service.", todo: 'Redémarrez la borne ; si cela recommence, appelez le technicien.' }),
  'a4-print-failed': () => ({ what: "L'impression d'un document sur l'imprimante A4 a échoué.", todo: "Vérifiez l'imprimante A4 et sa file CUPS (lpstat -p), puis faites un essai." }),
  'a4-print-prepare-failed': () => ({ what: "La borne n'a pas pu préparer le document à imprimer (aperçu ou fichier PDF).", todo: 'Si cela se répète, redémarrez la borne ; sinon, appelez le technicien.' }),
  'a4-document-usb-failed': () => ({ what: "La borne n'a pas pu préparer le document qu'un visiteur voulait enregistrer sur sa clé USB.", todo: 'Si cela se répète, redémarrez la borne ; sinon, appelez le technicien.' }),
  'usb-document-not-written': (fields) => ({ what: `Un document n'a pas pu être écrit sur la clé USB d'un visiteur (${String(fields.code ?? '?')}).`, todo: 'La clé est peut-être pleine, protégée en écriture ou retirée trop tôt : aidez le visiteur à essayer une autre clé.' }),
  'a4-print-leftovers-not-purged': () => ({ what: "Au démarrage, la borne n'a pas pu retirer de CUPS les impressions laissées par une visite interrompue.", todo: "Vérifiez que CUPS tourne (lpstat -r) ; l'effacement du prochain visiteur réessaiera." }),
  'a4-print-state': (fields) => ({ what: `L'imprimante A4 a un problème : ${String(fields.detail ?? fields.state ?? '?')}.`, todo: "Vérifiez le papier et l'imprimante A4, puis relancez sa file (cupsenable)." }),
  'a4-print-refused': (fields) => ({ what: `CUPS a refusé une impression : ${String(fields.detail ?? '?')}.`, todo: "Vérifiez la file de l'imprimante A4 dans CUPS (lpstat -p)." }),
  'a4-printer-unavailable': (fields) => ({ what: `L'imprimante A4 n'est pas disponible : ${String(fields.detail ?? '?')}.`, todo: 'Vérifiez le nom de la file dans le fichier de la borne (documents.a4Printer.queue) et dans CUPS (lpstat -p).' }),
  'a4-print-purge-skipped': () => ({ what: "CUPS ne répondait pas à l'effacement ; cette visite n'avait rien imprimé.", todo: 'Vérifiez que CUPS tourne (lpstat -r).' }),
  'staff-action-failed': () => ({ what: 'Une opération du mode personnel a échoué.', todo: 'Recommencez ; si cela continue, redémarrez la borne.' }),
  'maintenance-not-saved': () => ({ what: "Le mode maintenance n'a pas pu être enregistré.", todo: "Vérifiez l'espace disque et le dossier d'état (staff.stateDirectory)." }),
  'staff-exit-refused': () => ({ what: 'Quelqu\'un a voulu quitter la borne depuis le mode personnel, mais le fichier de la borne ne le permet pas.', todo: 'Pour le permettre, mettez staff.allowExit à true dans le fichier de la borne.' }),
  'staff-desk-failed': () => ({ what: "Le mode personnel n'a pas pu démarrer : il reste fermé.", todo: "Vérifiez le fichier du code PIN et le dossier d'état, puis redémarrez la borne." }),
  'metrics-not-written': () => ({ what: "Les mesures pour la supervision du parc ne peuvent pas être écrites.", todo: 'Vérifiez le dossier staff.metricsDirectory et ses droits.' }),
};

export function staffSentence(event: string, fields: Fields = {}): StaffSentence {
  const make = SENTENCES[event];
  if (make !== undefined) return make(fields);
  return { what: `Événement technique « ${event} ».`, todo: null };
}

/** The events that have their own sentence (tests check every logged event has one). */
export const EVENTS_WITH_SENTENCES: readonly string[] = Object.keys(SENTENCES);
