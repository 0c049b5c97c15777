import { describe, expect, it } from 'vitest';
import { a4PrintOutcome, a4PrinterAvailability, jobStateOf, neutralJobTitle, staffLine, validCopies, visitorMessageKey, type CupsJobStatus } from '../../../main/core/printing/a4-print';

const base: CupsJobStatus = { queue: 'accueil', jobId: 12, jobState: 'processing', jobReasons: [], printerState: 'processing', printerReasons: [] };

describe('A4 printing rules', () => {
  it('copies are 1 to 3, whole numbers', () => {
    expect([1, 2, 3].map(validCopies)).toEqual([1, 2, 3]);
    expect([0, 4, 1.5, '2', NaN, null].map(validCopies)).toEqual([null, null, null, null, null, null]);
  });

  it('maps IPP job-state enums', () => {
    expect([3, 4, 5, 6, 7, 8, 9, 2, 10].map(jobStateOf)).toEqual(['pending', 'held', 'processing', 'stopped', 'canceled', 'aborted', 'completed', null, null]);
  });

  it.each<[string, Partial<CupsJobStatus>, string]>([
    ['a completed job is printed', { jobState: 'completed', jobReasons: ['job-completed-successfully'], printerState: 'idle' }, 'printed'],
    ['a job still going is printing', { jobState: 'processing', jobReasons: ['job-printing'] }, 'printing'],
    ['a held job waits (printing)', { jobState: 'held', jobReasons: ['job-hold-until-specified'], printerState: 'idle' }, 'printing'],
    ['paper out while waiting', { jobState: 'processing', printerReasons: ['media-empty-error'] }, 'out-of-paper'],
    ['paper needed', { jobState: 'pending', printerState: 'stopped', printerReasons: ['media-needed-warning', 'paused'] }, 'out-of-paper'],
    ['a disabled queue is offline', { jobState: 'pending', printerState: 'stopped', printerReasons: ['paused'] }, 'offline'],
    ['an unreachable printer is offline', { jobState: 'processing', printerReasons: ['offline-report'] }, 'offline'],
    ['a stopped job is offline', { jobState: 'stopped', jobReasons: ['job-completed-with-errors'], printerState: 'idle' }, 'offline'],
    ['an aborted job failed', { jobState: 'aborted', jobReasons: ['aborted-by-system'], printerState: 'idle' }, 'failed'],
    ['a canceled job failed', { jobState: 'canceled', jobReasons: ['job-canceled-by-user'], printerState: 'idle' }, 'failed'],
    ['a mere report does not alarm', { jobState: 'processing', printerReasons: ['toner-low-report'] }, 'printing'],
  ])('%s', (_name, change, outcome) => {
    expect(a4PrintOutcome({ ...base, ...change })).toBe(outcome);
  });

  it('the visitor gets a message key; staff get the queue and CUPS states', () => {
    expect(visitorMessageKey('out-of-paper')).toBe('a4print.out-of-paper');
    expect(staffLine({ ...base, jobState: 'processing', printerReasons: ['media-empty-error'] })).toBe('CUPS queue "accueil" job 12: processing (none); printer processing (media-empty-error)');
    expect(staffLine({ ...base, printerState: null })).toBe('CUPS queue "accueil" job 12: processing (none); printer state unknown');
  });

  it('says "no printer here" when none is configured or CUPS lacks the queue, and tells staff which', () => {
    expect(a4PrinterAvailability(undefined, ['accueil'])).toEqual({ available: false, outcome: 'no-printer', staffMessage: null });
    expect(a4PrinterAvailability('accueil', ['accueil', 'bureau'])).toEqual({ available: true, queue: 'accueil' });
    expect(a4PrinterAvailability('etage', [])).toEqual({ available: false, outcome: 'no-printer', staffMessage: 'documents.a4Printer.queue "etage": CUPS has no such queue (queues: none)' });
    expect(a4PrinterAvailability('etage', { error: 'connect ENOENT /run/cups/cups.sock' })).toMatchObject({ staffMessage: 'documents.a4Printer.queue "etage": CUPS cannot be reached (connect ENOENT /run/cups/cups.sock)' });
  });

  it("the job's title never carries the document's name", () => {
    expect(neutralJobTitle(2)).toBe('Borne - document 2');
  });
});
