import { useTranslation } from 'react-i18next';

export function WipingScreen() {
  const { t } = useTranslation();
  return (
    <main data-screen="wiping" className="screen screen--centered wiping" aria-busy="true">
      <span className="spinner" aria-hidden="true" />
      <h1 className="wiping-title" role="status">
        {t('wiping.message')}
      </h1>
    </main>
  );
}
