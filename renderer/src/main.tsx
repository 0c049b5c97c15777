import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToKiosk, kioskApi } from './bridge';
import { ErrorBoundary } from './components/ErrorBoundary';
import { App } from './components/App';
import { applyLanguage } from './i18n';
import { applyDisplay } from './display';
import { useKioskStore } from './store';
import { refuseDrops } from './no-drop';
import './styles/kiosk.css';

// The language follows the store, before React re-renders (this listener is registered first).
applyLanguage(useKioskStore.getState().language);
applyDisplay(useKioskStore.getState());
useKioskStore.subscribe((state, previous) => {
  if (state.language !== previous.language) applyLanguage(state.language);
  if (state.textSize !== previous.textSize || state.highContrast !== previous.highContrast) applyDisplay(state);
  // The visitor's own choice goes to the site too, as its page zoom (a new visitor's site starts at 100 %).
  if (state.textSize !== previous.textSize && state.view?.visitorGeneration === previous.view?.visitorGeneration) {
    kioskApi()
      ?.setTextSize(state.textSize)
      .catch((error: unknown) => console.error('[kiosk-ui] setTextSize failed', error));
  }
});

// A long press must not open a context menu on a public touch screen.
window.addEventListener('contextmenu', (event) => event.preventDefault());

const rootElement = document.getElementById('root');
if (rootElement === null) throw new Error('index.html has no #root element');

createRoot(rootElement).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);

// No activity pings: presence is read from the input devices by the main process
// (a page's events, a pointer "moving" as windows are re-laid under it, are no person).

refuseDrops(document);

void connectToKiosk(useKioskStore.getState());
