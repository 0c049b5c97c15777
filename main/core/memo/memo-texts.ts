import type { LanguageCode } from '../config/languages';
export { withoutInnerColon } from '../contract/identifier-text';

/**
 * The printed memo's own sentences. A receipt printer prints Latin text only
 * (its code tables have no Arabic, Persian, Pashto or Cyrillic letters), so
 * the memo prints in French, easy-to-read French or English; for any other
 * language the preview says it prints in French (see the UI catalogs).
 * `reviewed: false` marks texts no native speaker has checked yet.
 */
export const PRINTABLE_LANGUAGES = ['fr', 'fr-FALC', 'en'] as const;
export type PrintableLanguage = (typeof PRINTABLE_LANGUAGES)[number];

export interface MemoTexts {
  reviewed: boolean;
  title: string;
  station: string; // {station}, {date}
  intro: string;
  addressToType: string; // {address}
  identifierIs: string; // {identifier}
  myIdentifier: string;
  helpline: string; // {helpline}
  /** Under each QR code: the address it opens, in words, for whoever cannot scan it. */
  qrCaption: string; // {address}
  accountsTitle: string;
  email: string;
  phone: string;
  franceConnect: string;
  cutHere: string;
  cluesTitle: string;
  cluesIntro: string;
  clueFor: string; // {service}
  adviceTitle: string;
  advice: readonly string[];
  help: string; // {help}
}

export const MEMO_TEXTS: Readonly<Record<PrintableLanguage, MemoTexts>> = {
  fr: {
    reviewed: true,
    title: 'Mon mémo personnel',
    station: 'Borne : {station} — {date}',
    intro: "Écrivez vous-même vos identifiants. La borne ne les connaît pas et ne les garde pas.",
    addressToType: 'Adresse à taper : {address}',
    identifierIs: 'Identifiant : {identifier}',
    myIdentifier: 'Mon identifiant :',
    helpline: 'Aide par téléphone : {helpline}',
    qrCaption: 'Ce QR code ouvre {address}',
    accountsTitle: 'Mes comptes',
    email: 'Adresse e-mail de mes comptes (elle reçoit les codes) :',
    phone: 'Numéro de téléphone de mes comptes (il reçoit les SMS) :',
    franceConnect: 'Je me connecte avec FranceConnect par :',
    cutHere: 'à découper',
    cluesTitle: 'Mes indices de mots de passe',
    cluesIntro: "Gardez cette partie à part. N'écrivez jamais le mot de passe : seulement un indice pour vous en souvenir.",
    clueFor: '{service} — indice :',
    adviceTitle: 'Conseils',
    advice: [
      "Gardez ce mémo chez vous, pas avec votre carte d'identité ni votre carte Vitale.",
      'Aucune administration ne demande votre mot de passe par téléphone, SMS ou e-mail.',
      "Tapez l'adresse vous-même et vérifiez qu'elle finit par .gouv.fr ou par l'adresse du service.",
    ],
    help: "Besoin d'aide : {help}",
  },
  'fr-FALC': {
    reviewed: false,
    title: 'Mon mémo',
    station: 'Borne : {station} — {date}',
    intro: 'Vous écrivez vos identifiants. La borne ne garde rien.',
    addressToType: 'Le site : {address}',
    identifierIs: 'Votre identifiant : {identifier}',
    myIdentifier: 'Mon identifiant :',
    helpline: 'Aide au téléphone : {helpline}',
    qrCaption: 'Ce code ouvre le site {address}',
    accountsTitle: 'Mes comptes',
    email: 'Mon adresse e-mail :',
    phone: 'Mon numéro de téléphone :',
    franceConnect: 'FranceConnect : je passe par',
    cutHere: 'couper ici',
    cluesTitle: 'Mes indices de mots de passe',
    cluesIntro: "Gardez ce papier à part. N'écrivez pas le mot de passe. Écrivez un indice.",
    clueFor: '{service} — indice :',
    adviceTitle: 'Attention',
    advice: [
      'Gardez ce papier chez vous.',
      'Ne le mettez pas avec votre carte Vitale.',
      "Personne ne doit vous demander votre mot de passe. Même pas l'administration.",
      'Tapez vous-même le nom du site.',
    ],
    help: 'Pour de l\'aide : {help}',
  },
  en: {
    reviewed: false,
    title: 'My personal memo',
    station: 'Kiosk: {station} — {date}',
    intro: 'Write your identifiers yourself. The kiosk does not know them and does not keep them.',
    addressToType: 'Address to type: {address}',
    identifierIs: 'Identifier: {identifier}',
    myIdentifier: 'My identifier:',
    helpline: 'Phone help: {helpline}',
    qrCaption: 'This QR code opens {address}',
    accountsTitle: 'My accounts',
    email: 'E-mail address of my accounts (it receives the codes):',
    phone: 'Phone number of my accounts (it receives the texts):',
    franceConnect: 'I log in with FranceConnect through:',
    cutHere: 'cut here',
    cluesTitle: 'My password clues',
    cluesIntro: 'Keep this part apart. Never write the password itself: only a clue to remember it.',
    clueFor: '{service} — clue:',
    adviceTitle: 'Advice',
    advice: [
      'Keep this memo at home, not with your ID card or your Vitale card.',
      'No administration asks for your password by phone, text message or e-mail.',
      'Type the address yourself and check that it ends with .gouv.fr or the service\'s own address.',
    ],
    help: 'Need help: {help}',
  },
};

/** The language the memo prints in for a visitor's language. */
export function printLanguageFor(language: LanguageCode): PrintableLanguage {
  return (PRINTABLE_LANGUAGES as readonly string[]).includes(language) ? (language as PrintableLanguage) : 'fr';
}

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** An address as a person types it: no scheme, no trailing slash. */
export function addressInWords(address: string): string {
  return address.replace(/^https?:\/\//u, '').replace(/\/$/u, '');
}
