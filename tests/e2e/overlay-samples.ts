import type { KioskView } from '../../main/core/contract/kiosk-view';

/**
 * Overlays as the main process publishes them, with their longest texts, for the
 * scans that draw the kiosk UI from a view (accessibility.spec.ts, layout-audit.spec.ts).
 */

/** The site's questions and the print panel. */
const SITE_HOST = 'administration-etrangers-en-france.interieur.gouv.fr';
const LONG_SITE_TEXT = "Attention : votre demande de renouvellement de titre de séjour n'est pas terminée. Si vous quittez cette étape, les pièces justificatives déjà téléversées seront conservées 30 jours.\nVoulez-vous continuer ?";
export const siteQuestion = (kind: 'alert' | 'confirm' | 'prompt' | 'beforeunload', stop = false): KioskView['overlay'] => ({
  name: 'site-dialog',
  dialog: {
    id: 7,
    kind,
    host: SITE_HOST,
    siteText: kind === 'beforeunload' ? '' : LONG_SITE_TEXT,
    siteTextCut: false,
    promptDefault: '',
    choices: [...(kind === 'alert' ? ['ok'] : kind === 'beforeunload' ? ['leave', 'stay'] : ['ok', 'cancel']), ...(stop ? ['stop'] : [])] as ('ok' | 'cancel' | 'leave' | 'stay' | 'stop')[],
  },
});
/** A first page's picture (a 1×1 white PNG, drawn at the panel's size). */
const THUMBNAIL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==';
export const printPanel = (patch: Partial<Extract<KioskView['overlay'], { name: 'a4-print' }>['print']> = {}): KioskView['overlay'] => ({
  name: 'a4-print',
  print: { stage: 'ready', document: { pages: 3, thumbnail: THUMBNAIL }, printerLabel: { fr: "Imprimante de l'accueil (rez-de-chaussée)" }, copies: 1, outcome: null, usb: null, ...patch },
});
