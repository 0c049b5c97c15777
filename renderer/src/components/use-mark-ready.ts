import { useEffect } from 'react';

/** Tells tests and the benchmark that a first screen is on display: `body[data-ready="true"]`. */
export function useMarkReady(ready = true): void {
  useEffect(() => {
    if (ready) document.body.dataset['ready'] = 'true';
  }, [ready]);
}
