import { type ReactNode, useEffect } from 'react';
import { Layout as RaLayout, useTranslate } from 'react-admin';
import { AppBar } from './AppBar';
import { Menu } from './Menu';
import { IncomingCallBanner } from '../operator';

export const Layout = ({ children }: { children: ReactNode }) => {
  const translate = useTranslate();
  const appTitle = translate('hotline.app.title');
  // Keep the browser tab title in the current language.
  useEffect(() => {
    document.title = appTitle;
  }, [appTitle]);
  return (
    <RaLayout appBar={AppBar} menu={Menu}>
      <IncomingCallBanner />
      {children}
    </RaLayout>
  );
};
