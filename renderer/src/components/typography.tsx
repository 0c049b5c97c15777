import type { ReactNode } from 'react';

/** A word followed by a space and a French "high" punctuation mark (`effacé :`, `session ?`). */
const WORD_THEN_PUNCTUATION = /(\S+ [:;!?»])/u;

/**
 * French puts a space before `: ; ! ?`, and a line must not start with that mark.
 * Instead of changing the text (tests and screen readers see the exact catalog string),
 * the word and its mark are kept on one line by a `white-space: nowrap` span.
 */
export function keepPunctuation(text: string): ReactNode {
  const parts = text.split(WORD_THEN_PUNCTUATION);
  if (parts.length === 1) return text;
  return parts.map((part, index) =>
    index % 2 === 1 ? (
      <span key={index} className="nowrap">
        {part}
      </span>
    ) : (
      part
    ),
  );
}

/**
 * A host name that may wrap only after a dot, a hyphen, a slash or an @ (`administration-etrangers-
 * en-france.interieur.gouv.fr`), never in the middle of a word: the address stays
 * readable and recognisable on a narrow bar.
 */
export function breakableHost(host: string): ReactNode {
  const parts = host.split(/(?<=[.\-/@])/u);
  if (parts.length === 1) return host;
  return parts.map((part, index) => (
    <span key={index}>
      {part}
      {index < parts.length - 1 && <wbr />}
    </span>
  ));
}

/** For `<Trans components={{ host: <HostName host={…} /> }}>`: the host, breakable at its dots. */
export function HostName({ host }: { host: string; children?: ReactNode }) {
  return (
    <bdi dir="ltr" className="host">
      {breakableHost(host)}
    </bdi>
  );
}
