import { describe, expect, it } from 'vitest';
import { cupsServerFrom, decodeIpp, IPP_OPERATION, IPP_TAG, ippRequest } from '../../../main/node/cups/ipp';

describe('IPP encoding', () => {
  it('encodes a request byte for byte (RFC 8010 §3.1)', () => {
    const bytes = ippRequest(IPP_OPERATION.getJobAttributes, 7, [{ name: 'job-id', tag: IPP_TAG.integer, values: [42] }]);
    const expected = Buffer.concat([
      Buffer.from([2, 0, 0x00, 0x09, 0, 0, 0, 7, 0x01]),
      Buffer.from([0x47, 0, 18]), Buffer.from('attributes-charset'), Buffer.from([0, 5]), Buffer.from('utf-8'),
      Buffer.from([0x48, 0, 27]), Buffer.from('attributes-natural-language'), Buffer.from([0, 2]), Buffer.from('fr'),
      Buffer.from([0x21, 0, 6]), Buffer.from('job-id'), Buffer.from([0, 4, 0, 0, 0, 42]),
      Buffer.from([0x03]),
    ]);
    expect(bytes.equals(expected)).toBe(true);
  });

  it('decodes what it encodes: groups, additional values, integers, booleans, text with language, and skips collections', () => {
    const message = ippRequest(0x0000, 3, [{ name: 'job-state-reasons', tag: IPP_TAG.keyword, values: ['job-printing', 'media-empty'] }], [
      { tag: IPP_TAG.job, attributes: [{ name: 'job-state', tag: IPP_TAG.enum, values: [5] }, { name: 'my-jobs', tag: IPP_TAG.boolean, values: [true] }] },
    ]);
    // A text-with-language and a collection, hand-encoded, inserted before the end tag.
    const textWithLanguage = Buffer.concat([Buffer.from([0x35, 0, 4]), Buffer.from('info'), Buffer.from([0, 8, 0, 2]), Buffer.from('fr'), Buffer.from([0, 2]), Buffer.from('ok')]);
    const collection = Buffer.concat([
      Buffer.from([0x34, 0, 3]), Buffer.from('col'), Buffer.from([0, 0]),
      Buffer.from([0x4a, 0, 0, 0, 1]), Buffer.from('x'), Buffer.from([0x21, 0, 0, 0, 4, 0, 0, 0, 1]),
      Buffer.from([0x37, 0, 0, 0, 0]),
    ]);
    const after = Buffer.concat([Buffer.from([0x21, 0, 5]), Buffer.from('after'), Buffer.from([0, 4, 0, 0, 0, 9])]);
    const bytes = Buffer.concat([message.subarray(0, message.length - 1), textWithLanguage, collection, after, Buffer.from([0x03])]);
    const decoded = decodeIpp(bytes);
    expect(decoded.code).toBe(0);
    expect(decoded.requestId).toBe(3);
    expect(decoded.groups[0]?.attributes.get('job-state-reasons')).toEqual(['job-printing', 'media-empty']);
    expect(decoded.groups[1]?.attributes.get('job-state')).toEqual([5]);
    expect(decoded.groups[1]?.attributes.get('my-jobs')).toEqual([true]);
    expect(decoded.groups[1]?.attributes.get('info')).toEqual(['ok']);
    expect(decoded.groups[1]?.attributes.get('col')).toEqual(['[collection]']);
    expect(decoded.groups[1]?.attributes.get('after')).toEqual([9]);
  });

  it('refuses a truncated message', () => {
    const bytes = ippRequest(IPP_OPERATION.getJobs, 1, []);
    expect(() => decodeIpp(bytes.subarray(0, bytes.length - 4))).toThrow(/truncated/);
  });

  it('reads CUPS_SERVER as the CUPS clients do', () => {
    expect(cupsServerFrom('/tmp/x/cups.sock', false)).toEqual({ socketPath: '/tmp/x/cups.sock' });
    expect(cupsServerFrom('printsrv:8631', true)).toEqual({ host: 'printsrv', port: 8631 });
    expect(cupsServerFrom('localhost', true)).toEqual({ host: 'localhost', port: 631 });
    expect(cupsServerFrom(undefined, true)).toEqual({ socketPath: '/run/cups/cups.sock' });
    expect(cupsServerFrom('', false)).toEqual({ host: 'localhost', port: 631 });
  });
});
