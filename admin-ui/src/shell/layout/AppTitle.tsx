import { useTranslate } from 'react-admin';

/** The translated app name; `<Admin title>` shows it on the error and not-found pages. */
export const AppTitle = () => {
  const translate = useTranslate();
  return <>{translate('hotline.app.title')}</>;
};
