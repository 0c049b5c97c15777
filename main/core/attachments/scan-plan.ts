/**
 * How a scan is made to fit under the size a site accepts: JPEG quality steps
 * first (a scanned letter stays readable down to about 40), then the page at
 * half its resolution (150 dpi becomes 75: still readable on screen, which is
 * what the administration's agent does with it).
 */
export interface ScanEncodingStep {
  /** JPEG quality, 1–100. */
  readonly quality: number;
  /** 1: the scan's resolution; 2: half of it. */
  readonly shrink: 1 | 2;
}

export const SCAN_ENCODING_STEPS: readonly ScanEncodingStep[] = [
  { quality: 85, shrink: 1 },
  { quality: 70, shrink: 1 },
  { quality: 55, shrink: 1 },
  { quality: 40, shrink: 1 },
  { quality: 70, shrink: 2 },
  { quality: 40, shrink: 2 },
];

/** The scan size limit when the station file sets none (documents.scanMaxKilobytes); a site with a lower limit needs the setting. */
export const DEFAULT_SCAN_MAX_BYTES = 2 * 1024 * 1024;
