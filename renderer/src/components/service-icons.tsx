/**
 * One plain pictogram per kind of démarche on the home tiles, so a visitor who
 * reads little finds the service by its picture. Drawn here, never an official
 * logo (a look-alike logo is what phishing sites use). Decorative: the tile's
 * words name the service.
 */
type Circle = readonly [cx: number, cy: number, r: number];
type Rect = readonly [x: number, y: number, width: number, height: number, rx: number];

/** A pictogram's outlines, drawn in this order: the frame, the circles, the lines. */
interface Pictogram {
  rect?: Rect;
  circles?: readonly Circle[];
  paths: readonly string[];
}

const PICTOGRAMS = {
  // Family: two grown-ups and a child.
  family: {
    circles: [
      [7, 6, 2.4],
      [17, 6, 2.4],
      [12, 12, 1.9],
    ],
    paths: ['M3.5 20v-5.5a3.5 3.5 0 0 1 7 0V20M13.5 20v-5.5a3.5 3.5 0 0 1 7 0V20M9.8 20v-2.5a2.2 2.2 0 0 1 4.4 0V20'],
  },
  // A residence card: a card with a photo and a globe.
  residence: { rect: [2.5, 5, 19, 14, 2], circles: [[8, 11, 2.2]], paths: ['M4.8 16.5a3.3 3.3 0 0 1 6.4 0M13.5 10h5M13.5 13h5M13.5 16h3'] },
  // An identity card and a car key: papers, licence, registration.
  papers: { rect: [2.5, 4, 13, 16, 2], circles: [[9, 10, 2.3]], paths: ['M5.5 16.5a3.6 3.6 0 0 1 7 0M18.5 8v8M21.5 11h-3M21.5 14h-3'] },
  // A briefcase: work.
  work: { rect: [2.5, 7, 19, 13, 2], paths: ['M8.5 7V5a1.5 1.5 0 0 1 1.5-1.5h4A1.5 1.5 0 0 1 15.5 5v2M2.5 12.5h19M11 12.5v2h2v-2'] },
  // A cross in a rounded square: health.
  health: { rect: [3, 3, 18, 18, 4], paths: ['M12 7.5v9M7.5 12h9'] },
  // A sheet with a euro sign: taxes.
  taxes: { paths: ['M6 2.5h9l4 4v15H6z', 'M15 2.5v4h4M14.5 11.2a3.2 3.2 0 1 0 0 4.6M9 12.6h4.5M9 14.4h4.5'] },
  // A walking stick and a clock: retirement.
  retirement: { circles: [[14, 10, 7]], paths: ['M14 6.5V10l2.5 2M5 21v-9a2.5 2.5 0 0 1 5 0'] },
  // A public building with columns.
  administration: { paths: ['M2.5 9 12 3.5 21.5 9zM4 20.5h16M3 9h18M5.5 9v9M10 9v9M14 9v9M18.5 9v9M4 18h16'] },
  // Anything else: a window with a pointer.
  other: { rect: [2.5, 4, 19, 14, 2], paths: ['M2.5 8h19M11 12l6 3-2.6.8L13 18.5z'] },
} satisfies Record<string, Pictogram>;

/** The pictogram for a tile, from the catalogue's service id (kiosk-config/catalogue.json). */
const PICTOGRAM_FOR_SERVICE: Record<string, keyof typeof PICTOGRAMS> = {
  caf: 'family',
  anef: 'residence',
  ants: 'papers',
  'france-travail': 'work',
  ameli: 'health',
  impots: 'taxes',
  retraite: 'retirement',
  'service-public': 'administration',
};

export function pictogramFor(tileId: string): keyof typeof PICTOGRAMS {
  return PICTOGRAM_FOR_SERVICE[tileId] ?? 'other';
}

export function ServiceIcon({ tileId }: { tileId: string }) {
  const kind = pictogramFor(tileId);
  return (
    <svg className="service-icon" data-pictogram={kind} viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
      <PictogramShapes pictogram={PICTOGRAMS[kind]} />
    </svg>
  );
}

function PictogramShapes({ pictogram }: { pictogram: Pictogram }) {
  const { rect, circles = [], paths } = pictogram;
  return (
    <>
      {rect !== undefined && <rect x={rect[0]} y={rect[1]} width={rect[2]} height={rect[3]} rx={rect[4]} />}
      {circles.map(([cx, cy, r]) => (
        <circle key={`${cx},${cy}`} cx={cx} cy={cy} r={r} />
      ))}
      {paths.map((d) => (
        <path key={d} d={d} />
      ))}
    </>
  );
}
