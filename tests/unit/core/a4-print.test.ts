import { describe, expect, it } from 'vitest';
import { A4OutcomeWatch, CONNECTING_SETTLE_MS, TROUBLE_SETTLE_MS, a4PrintOutcome, a4PrinterAvailability, jobStateOf, neutralJobTitle, staffLine, validCopies, visitorMessageKey, type CupsJobStatus } from '../../../main/core/printing/a4-print';

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

  describe('following a job: a trouble while the printer works on it must last', () => {
    const paperOut: CupsJobStatus = { ...base, printerReasons: ['media-empty-error'] };

    it("CUPS's leftover media-empty-error, cleared by the job's backend within the settle time, is never said", () => {
      const watch = new A4OutcomeWatch();
      expect(watch.observe({ ...paperOut, jobState: 'pending', printerState: 'idle' }, 0)).toBe('printing');
      expect(watch.observe(paperOut, 1_000)).toBe('printing');
      expect(watch.observe(base, 1_500)).toBe('printing');
      expect(watch.observe({ ...base, jobState: 'completed', printerState: 'idle' }, 3_000)).toBe('printed');
    });

    it('paper out that lasts is said once it has lasted TROUBLE_SETTLE_MS', () => {
      const watch = new A4OutcomeWatch();
      expect(watch.observe(paperOut, 10_000)).toBe('printing');
      expect(watch.observe(paperOut, 10_000 + TROUBLE_SETTLE_MS - 1)).toBe('printing');
      expect(watch.observe(paperOut, 10_000 + TROUBLE_SETTLE_MS)).toBe('out-of-paper');
    });

    it('the settle time starts again when the trouble goes or changes', () => {
      const watch = new A4OutcomeWatch();
      watch.observe(paperOut, 0);
      expect(watch.observe(base, 4_000)).toBe('printing');
      expect(watch.observe(paperOut, 4_500)).toBe('printing');
      expect(watch.observe(paperOut, 4_500 + TROUBLE_SETTLE_MS - 1)).toBe('printing');
      const offline = { ...base, printerReasons: ['offline-report'] };
      expect(watch.observe(offline, 20_000)).toBe('printing');
      expect(watch.observe(offline, 20_000 + TROUBLE_SETTLE_MS)).toBe('offline');
    });

    it('"connecting-to-device" alone (every job of a network printer begins so) waits longer', () => {
      const watch = new A4OutcomeWatch();
      const connecting = { ...base, printerReasons: ['connecting-to-device'] };
      expect(watch.observe(connecting, 0)).toBe('printing');
      expect(watch.observe(connecting, TROUBLE_SETTLE_MS)).toBe('printing');
      expect(watch.observe(connecting, CONNECTING_SETTLE_MS)).toBe('offline');
      const unreachable = new A4OutcomeWatch();
      const both = { ...base, printerReasons: ['connecting-to-device', 'offline-report'] };
      unreachable.observe(both, 0);
      expect(unreachable.observe(both, TROUBLE_SETTLE_MS)).toBe('offline');
    });

    it('said at once when CUPS has stopped: the queue stopped, the job stopped or ended', () => {
      expect(new A4OutcomeWatch().observe({ ...paperOut, jobState: 'pending', printerState: 'stopped', printerReasons: ['media-empty-error', 'paused'] }, 0)).toBe('out-of-paper');
      expect(new A4OutcomeWatch().observe({ ...base, jobState: 'pending', printerState: 'stopped', printerReasons: ['paused'] }, 0)).toBe('offline');
      expect(new A4OutcomeWatch().observe({ ...base, jobState: 'stopped', printerState: 'idle' }, 0)).toBe('offline');
      expect(new A4OutcomeWatch().observe({ ...paperOut, jobState: 'aborted', printerState: 'idle' }, 0)).toBe('out-of-paper');
      expect(new A4OutcomeWatch().observe({ ...base, jobState: 'completed', printerState: 'idle' }, 0)).toBe('printed');
    });
  });
});
