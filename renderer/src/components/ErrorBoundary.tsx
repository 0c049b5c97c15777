import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { useKioskStore } from '../store';
import { OutOfOrderScreen } from './OutOfOrderScreen';

interface Props {
  children: ReactNode;
  /** The inner, last-resort boundary: its fallback does not read the station at all. */
  minimal?: boolean;
}

interface State {
  failed: boolean;
}

/**
 * Any rendering error shows the out-of-order screen: never a blank page. If the
 * station's own data is what broke, the nested minimal boundary still shows it,
 * without the station's help text.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('[kiosk-ui] rendering failed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    if (this.props.minimal === true) return <OutOfOrderScreen reason="ui-error" station={null} />;
    return (
      <ErrorBoundary minimal>
        <OutOfOrderScreen reason="ui-error" station={useKioskStore.getState().view?.station ?? null} />
      </ErrorBoundary>
    );
  }
}
