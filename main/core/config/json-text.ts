import { createScanner, getNodePath, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

/** jsonc-parser's SyntaxKind values (a const enum, which this build cannot import). */
const TOKEN = { openBrace: 1, closeBrace: 2, openBracket: 3, closeBracket: 4, end: 17 } as const;

/**
 * Reads the text of a kiosk-config file as strict JSON, with what JSON.parse
 * does not say: the line and column of a syntax error in words staff can act
 * on, a key written twice in one object (JSON.parse silently keeps the last),
 * lists too long to be a station's, and nesting too deep to be one.
 *
 * jsonc-parser (the scanner and parser of VS Code, the editor staff are told to
 * use) gives every node its offset; JSON.parse then builds the value, so the
 * kiosk reads exactly what standard JSON means.
 */

/** A problem found in the text itself, before the schema looks at the values. */
export interface TextProblem {
  /** `(file)` for the text as a whole, else the key path (`tiles[0].label`). */
  key: string;
  message: string;
}

export interface JsonTextLimits {
  /** Longest list anywhere in the file (checked before the schema, which has its own smaller limits). */
  maxListItems: number;
  /** Deepest nesting of objects and lists. */
  maxDepth: number;
}

export type JsonTextResult = { ok: true; value: unknown } | { ok: false; problems: TextProblem[] };

const BYTE_ORDER_MARK = '\uFEFF';

/** Line and column (both from 1) of a character offset, counting columns in characters as editors do. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i += 1) {
    if (text.charCodeAt(i) === 0x0a) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: [...text.slice(lineStart, end)].length + 1 };
}

export function parseJsonText(rawText: string, limits: JsonTextLimits): JsonTextResult {
  // Editors on Windows save UTF-8 with a byte order mark: it is not part of the JSON.
  const text = rawText.startsWith(BYTE_ORDER_MARK) ? rawText.slice(1) : rawText;
  // Offsets are reported in the text as the editor shows it, BOM excluded.
  const at = (offset: number): string => {
    const { line, column } = lineAndColumn(text, offset);
    return `line ${line}, column ${column}`;
  };
  if (text.trim() === '') return fail('(file)', 'not valid JSON: the file is empty');

  // Depth first, with the scanner (no recursion): the tree parser recurses once per level.
  const depth = deepestNesting(text, limits.maxDepth);
  if (depth !== null) return fail('(file)', `nested more than ${limits.maxDepth} levels deep at ${at(depth)} (a station file needs fewer than 10)`);

  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first !== undefined) {
    const error = pinpoint(first, text);
    return fail('(file)', `not valid JSON at ${at(error.offset)}: ${describeSyntaxError(error, text)}`);
  }
  if (tree === undefined) return fail('(file)', 'not valid JSON: no value found');

  const problems: TextProblem[] = [];
  walk(tree, (node) => {
    if (node.type === 'object') {
      const seen = new Map<string, Node>();
      for (const property of node.children ?? []) {
        const name = property.children?.[0];
        if (name === undefined || typeof name.value !== 'string') continue;
        const earlier = seen.get(name.value);
        if (earlier === undefined) {
          seen.set(name.value, name);
          continue;
        }
        problems.push({
          key: formatPath(getNodePath(name)),
          message: `written twice in the same object (line ${lineAndColumn(text, earlier.offset).line} and line ${lineAndColumn(text, name.offset).line}): keep one`,
        });
      }
    } else if (node.type === 'array' && (node.children?.length ?? 0) > limits.maxListItems) {
      problems.push({
        key: formatPath(getNodePath(node)),
        message: `has ${node.children?.length ?? 0} entries; no list in a station file may have more than ${limits.maxListItems}`,
      });
      return false; // its entries are not looked at
    }
    return true;
  });
  if (problems.length > 0) return { ok: false, problems };

  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    // jsonc-parser found nothing wrong but JSON.parse does: say what JSON.parse says, on one line.
    const message = error instanceof Error ? error.message : String(error);
    return fail('(file)', `not valid JSON: ${message.split('\n')[0] ?? ''}`);
  }
}

function fail(key: string, message: string): JsonTextResult {
  return { ok: false, problems: [{ key, message }] };
}

/** The offset where nesting first exceeds `maxDepth`, or null. */
function deepestNesting(text: string, maxDepth: number): number | null {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let kind: number = scanner.scan(); kind !== TOKEN.end; kind = scanner.scan()) {
    if (kind === TOKEN.openBrace || kind === TOKEN.openBracket) {
      depth += 1;
      if (depth > maxDepth) return scanner.getTokenOffset();
    } else if (kind === TOKEN.closeBrace || kind === TOKEN.closeBracket) {
      depth = Math.max(0, depth - 1);
    }
  }
  return null;
}

/** Visits nodes depth first (the depth is already bounded); `visit` returns false to skip a node's children. */
function walk(node: Node, visit: (node: Node) => boolean): void {
  if (!visit(node)) return;
  for (const child of node.children ?? []) walk(child, visit);
}

/**
 * jsonc-parser reports a bad character inside a text at the start of the text; staff
 * need the character itself, so its offset is found within the text.
 */
function pinpoint(error: ParseError, text: string): ParseError {
  const code = printParseErrorCode(error.error);
  const inside = text.slice(error.offset, error.offset + error.length);
  let at = -1;
  if (code === 'InvalidCharacter') at = inside.search(/\p{Cc}/u);
  else if (code === 'InvalidEscapeCharacter') at = inside.search(/\\(?!["\\/bfnrtu])/);
  else if (code === 'InvalidUnicode') at = inside.search(/\\u(?![0-9a-fA-F]{4})/);
  return at <= 0 ? error : { ...error, offset: error.offset + at, length: code === 'InvalidUnicode' ? 6 : 2 };
}

/** What went wrong, in words, with what was found there. */
function describeSyntaxError(error: ParseError, text: string): string {
  const shown = showFound(text, error.offset);
  const atEnd = error.offset >= text.length;
  const next = text[error.offset] ?? '';
  switch (printParseErrorCode(error.error)) {
    case 'InvalidSymbol':
      if (next === "'") return 'a text in single quotes (JSON needs double quotes: "…")';
      if (/[A-Za-z_$]/.test(next)) return `unexpected ${shown} (keys and texts are written in double quotes; the only words are true, false and null)`;
      return `unexpected ${shown}`;
    case 'InvalidCharacter':
      return `a control character (${shown.replace('character ', '')}) inside a text; write it as an escape such as \\n, or remove it`;
    case 'InvalidEscapeCharacter':
      return `an invalid escape "${text.slice(error.offset, error.offset + 2)}" in a text (a "\\" itself is written "\\\\")`;
    case 'InvalidUnicode':
      return `an invalid escape "${text.slice(error.offset, error.offset + 6)}" (\\u needs four hexadecimal digits)`;
    case 'InvalidNumberFormat':
      return `an invalid number ${shown}`;
    case 'UnexpectedEndOfString':
      return 'a text that never ends (a closing " is missing)';
    case 'UnexpectedEndOfComment':
    case 'InvalidCommentToken':
      return 'a comment (JSON files cannot have comments)';
    case 'PropertyNameExpected':
      if (next === '}') return 'a key was expected before "}" (a comma after the last entry?)';
      return atEnd ? 'the file ends too early (a "}" or "]" is missing)' : `a key in double quotes was expected, found ${shown}`;
    case 'ValueExpected':
      if (next === ']' || next === '}') return `a value was expected before "${next}" (a comma after the last entry?)`;
      return atEnd ? 'the file ends where a value was expected' : `a value was expected, found ${shown}`;
    case 'ColonExpected':
      return `":" was expected after the key, found ${shown}`;
    case 'CommaExpected':
      if (/\d/.test(next) && /\d/.test(text[error.offset - 1] ?? '')) return 'a number written with a leading zero (write 180, not 0180)';
      return atEnd ? 'the file ends too early (a "}" or "]" is missing)' : `"," was expected, found ${shown}`;
    case 'CloseBraceExpected':
      return atEnd ? 'the file ends before the object is closed (a "}" is missing)' : `"}" was expected, found ${shown}`;
    case 'CloseBracketExpected':
      return atEnd ? 'the file ends before the list is closed (a "]" is missing)' : `"]" was expected, found ${shown}`;
    case 'EndOfFileExpected':
      return `the end of the file was expected after the value, found ${shown}`;
    default:
      return `unexpected ${shown}`;
  }
}

/** What stands at `offset`: a word or a quoted text (up to 40 characters), one character, or an invisible one by its code. */
function showFound(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the file';
  const first = String.fromCodePoint(text.codePointAt(offset) ?? 0);
  if (/[\p{Cc}\p{Cf}\p{Z}\uFFFD]/u.test(first)) return `character U+${(first.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  const token = /^(?:"[^"\n]{0,40}"?|[^\s,:{}[\]"]{1,40}|.)/su.exec(text.slice(offset, offset + 60))?.[0] ?? first;
  return token.startsWith('"') ? `the text ${token}` : `"${token}"`;
}

/** `['tiles', 0, 'entry']` → `tiles[0].entry`. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`)).join('');
}
