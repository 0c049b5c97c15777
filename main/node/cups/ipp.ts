import { request as httpRequest } from 'node:http';

/**
 * A small IPP/1.1–2.0 client (RFC 8010 encoding) for the few operations the
 * kiosk needs from the station's own CUPS: submit, read a job's and the
 * printer's state, list a visit's jobs, cancel and purge them.
 *
 * Why hand-written: `lpstat`'s text output is localised and ambiguous (a
 * completed, a cancelled and a held job can print the same lines), while IPP
 * gives the exact job-state enum and reason keywords; the npm IPP packages are
 * unmaintained (last releases years ago). The encoding is a tag-length-value
 * format of a page; this file covers the value types CUPS answers with.
 */

export const IPP_TAG = {
  operation: 0x01,
  job: 0x02,
  end: 0x03,
  printer: 0x04,
  unsupported: 0x05,
  integer: 0x21,
  boolean: 0x22,
  enum: 0x23,
  octetString: 0x30,
  dateTime: 0x31,
  resolution: 0x32,
  rangeOfInteger: 0x33,
  begCollection: 0x34,
  textWithLanguage: 0x35,
  nameWithLanguage: 0x36,
  endCollection: 0x37,
  text: 0x41,
  name: 0x42,
  keyword: 0x44,
  uri: 0x45,
  charset: 0x47,
  naturalLanguage: 0x48,
  mimeMediaType: 0x49,
  memberAttrName: 0x4a,
} as const;

export const IPP_OPERATION = {
  printJob: 0x0002,
  cancelJob: 0x0008,
  getJobAttributes: 0x0009,
  getJobs: 0x000a,
  getPrinterAttributes: 0x000b,
  cupsGetPrinters: 0x4002,
} as const;

export type IppValue = string | number | boolean;

export interface IppOutAttribute {
  readonly name: string;
  readonly tag: number;
  readonly values: readonly IppValue[];
}

export interface IppOutGroup {
  readonly tag: number;
  readonly attributes: readonly IppOutAttribute[];
}

export interface IppMessage {
  readonly version: readonly [number, number];
  /** operation-id in a request, status-code in a response. */
  readonly code: number;
  readonly requestId: number;
  readonly groups: ReadonlyArray<{ readonly tag: number; readonly attributes: ReadonlyMap<string, readonly IppValue[]> }>;
}

/** A request with the two attributes every request starts with (RFC 8011 §4.1.4). */
export function ippRequest(operation: number, requestId: number, operationAttributes: readonly IppOutAttribute[], otherGroups: readonly IppOutGroup[] = [], data?: Uint8Array): Buffer {
  const parts: Buffer[] = [];
  const header = Buffer.alloc(8);
  header.writeUInt8(2, 0);
  header.writeUInt8(0, 1);
  header.writeUInt16BE(operation, 2);
  header.writeInt32BE(requestId, 4);
  parts.push(header);
  const groups: IppOutGroup[] = [
    {
      tag: IPP_TAG.operation,
      attributes: [
        { name: 'attributes-charset', tag: IPP_TAG.charset, values: ['utf-8'] },
        { name: 'attributes-natural-language', tag: IPP_TAG.naturalLanguage, values: ['fr'] },
        ...operationAttributes,
      ],
    },
    ...otherGroups,
  ];
  for (const group of groups) {
    parts.push(Buffer.from([group.tag]));
    for (const attribute of group.attributes) {
      attribute.values.forEach((value, index) => parts.push(encodeValue(attribute.tag, index === 0 ? attribute.name : '', value)));
    }
  }
  parts.push(Buffer.from([IPP_TAG.end]));
  if (data !== undefined) parts.push(Buffer.from(data));
  return Buffer.concat(parts);
}

function encodeValue(tag: number, name: string, value: IppValue): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  let valueBytes: Buffer;
  if (tag === IPP_TAG.integer || tag === IPP_TAG.enum) {
    valueBytes = Buffer.alloc(4);
    valueBytes.writeInt32BE(Number(value), 0);
  } else if (tag === IPP_TAG.boolean) {
    valueBytes = Buffer.from([value === true ? 1 : 0]);
  } else {
    valueBytes = Buffer.from(String(value), 'utf8');
  }
  const out = Buffer.alloc(1 + 2 + nameBytes.length + 2 + valueBytes.length);
  let at = out.writeUInt8(tag, 0);
  at = out.writeUInt16BE(nameBytes.length, at);
  at += nameBytes.copy(out, at);
  at = out.writeUInt16BE(valueBytes.length, at);
  valueBytes.copy(out, at);
  return out;
}

/** Decodes an IPP message. Collections are skipped (the kiosk reads none) and appear as "[collection]". */
export function decodeIpp(bytes: Uint8Array): IppMessage {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 9) throw new Error(`IPP message too short (${buffer.length} bytes)`);
  const version: [number, number] = [buffer.readUInt8(0), buffer.readUInt8(1)];
  const code = buffer.readUInt16BE(2);
  const requestId = buffer.readInt32BE(4);
  const groups: Array<{ tag: number; attributes: Map<string, IppValue[]> }> = [];
  let at = 8;
  let current: Map<string, IppValue[]> | null = null;
  let lastName = '';
  let collectionDepth = 0;
  const need = (count: number) => {
    if (at + count > buffer.length) throw new Error('IPP message truncated');
  };
  for (;;) {
    need(1);
    const tag = buffer.readUInt8(at);
    at += 1;
    if (tag === IPP_TAG.end) break;
    if (tag < 0x10) {
      current = new Map();
      groups.push({ tag, attributes: current });
      continue;
    }
    need(2);
    const nameLength = buffer.readUInt16BE(at);
    at += 2;
    need(nameLength + 2);
    const name = buffer.toString('utf8', at, at + nameLength);
    at += nameLength;
    const valueLength = buffer.readUInt16BE(at);
    at += 2;
    need(valueLength);
    const raw = buffer.subarray(at, at + valueLength);
    at += valueLength;
    if (collectionDepth > 0) {
      if (tag === IPP_TAG.begCollection) collectionDepth += 1;
      if (tag === IPP_TAG.endCollection) collectionDepth -= 1;
      continue;
    }
    if (current === null) throw new Error('IPP attribute outside a group');
    if (nameLength > 0) lastName = name;
    const value = tag === IPP_TAG.begCollection ? '[collection]' : decodeValue(tag, raw);
    if (tag === IPP_TAG.begCollection) collectionDepth = 1;
    const values = current.get(lastName) ?? [];
    values.push(value);
    current.set(lastName, values);
  }
  return { version, code, requestId, groups };
}

function decodeValue(tag: number, raw: Buffer): IppValue {
  switch (tag) {
    case IPP_TAG.integer:
    case IPP_TAG.enum:
      return raw.length === 4 ? raw.readInt32BE(0) : 0;
    case IPP_TAG.boolean:
      return raw.readUInt8(0) !== 0;
    case IPP_TAG.textWithLanguage:
    case IPP_TAG.nameWithLanguage: {
      const languageLength = raw.readUInt16BE(0);
      const textLength = raw.readUInt16BE(2 + languageLength);
      return raw.toString('utf8', 4 + languageLength, 4 + languageLength + textLength);
    }
    case IPP_TAG.dateTime:
    case IPP_TAG.resolution:
    case IPP_TAG.rangeOfInteger:
    case IPP_TAG.octetString:
      return raw.toString('hex');
    default:
      return raw.toString('utf8');
  }
}

/** Where CUPS listens: its local socket, or host and port (the `CUPS_SERVER` convention). */
export type CupsServer = { readonly socketPath: string } | { readonly host: string; readonly port: number };

/**
 * `CUPS_SERVER` as the CUPS clients read it: an absolute path is a socket,
 * otherwise `host[:port]`. Unset: the system's socket when it exists, else localhost:631.
 */
export function cupsServerFrom(value: string | undefined, systemSocketExists: boolean): CupsServer {
  if (value === undefined || value.trim() === '') return systemSocketExists ? { socketPath: '/run/cups/cups.sock' } : { host: 'localhost', port: 631 };
  const text = value.trim();
  if (text.startsWith('/')) return { socketPath: text };
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(text);
  return { host: (match?.[1] ?? text).replace(/^\[|\]$/g, ''), port: match?.[2] === undefined ? 631 : Number(match[2]) };
}

export function describeServer(server: CupsServer): string {
  return 'socketPath' in server ? server.socketPath : `${server.host}:${server.port}`;
}

/** Sends one IPP request to `resource` (`/`, `/printers/NAME`, `/jobs/`) and decodes the answer. */
export function sendIpp(server: CupsServer, resource: string, body: Buffer, timeoutMs = 15_000, authorization?: string): Promise<IppMessage> {
  return new Promise((resolve, reject) => {
    const target = 'socketPath' in server ? { socketPath: server.socketPath } : { host: server.host, port: server.port };
    const request = httpRequest(
      {
        ...target,
        method: 'POST',
        path: resource,
        headers: { 'Content-Type': 'application/ipp', 'Content-Length': body.length, Host: 'localhost', ...(authorization === undefined ? {} : { Authorization: authorization }) },
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          if (response.statusCode !== 200) {
            reject(new Error(`HTTP ${response.statusCode ?? '?'} from CUPS at ${describeServer(server)}${resource}`));
            return;
          }
          try {
            resolve(decodeIpp(Buffer.concat(chunks)));
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`CUPS at ${describeServer(server)} did not answer within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}

/** The first value of an attribute in the first group of a tag. */
export function attributeOf(message: IppMessage, groupTag: number, name: string): readonly IppValue[] {
  return message.groups.find((group) => group.tag === groupTag && group.attributes.has(name))?.attributes.get(name) ?? [];
}

/** The IPP status name for a staff message (RFC 8011 §4.1.6 and CUPS's). */
export function ippStatusText(code: number): string {
  const known: Record<number, string> = {
    0x0000: 'successful-ok',
    0x0400: 'client-error-bad-request',
    0x0401: 'client-error-forbidden',
    0x0402: 'client-error-not-authenticated',
    0x0403: 'client-error-not-authorized',
    0x0404: 'client-error-not-possible',
    0x0406: 'client-error-not-found',
    0x040a: 'client-error-document-format-not-supported',
    0x0500: 'server-error-internal-error',
    0x0506: 'server-error-not-accepting-jobs',
    0x0507: 'server-error-busy',
  };
  return known[code] ?? `status 0x${code.toString(16).padStart(4, '0')}`;
}
