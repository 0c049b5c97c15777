/**
 * Nothing dropped on the kiosk UI is ever opened: a link or an image dragged
 * from the site and dropped on the toolbar would otherwise be opened by the
 * browser in a tabbed window with an address bar (issue 9). The kiosk UI takes
 * every drag over it and drops it on the floor.
 */
export function refuseDrops(target: Pick<Document, 'addEventListener'>): void {
  for (const type of ['dragenter', 'dragover', 'drop'] as const) {
    target.addEventListener(
      type,
      (event) => {
        event.preventDefault();
        if (event.dataTransfer !== null) event.dataTransfer.dropEffect = 'none';
      },
      true,
    );
  }
}
