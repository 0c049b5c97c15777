import { useTranslation } from 'react-i18next';
import { i18n } from '../../i18n';

/**
 * Staff screens are in French, whatever language the last visitor chose: staff are the
 * station's French-speaking mediators, and the log sentences they read are French. The
 * catalogs still hold every staff key (renderer/src/i18n/catalogs, `staff.*`).
 */
export function useStaffT() {
  useTranslation(); // re-render with the catalogs
  return i18n.getFixedT('fr');
}
