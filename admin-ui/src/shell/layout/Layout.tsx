import { type ReactNode, useEffect } from 'react';
import { Layout as RaLayout, useTranslate } from 'react-admin';
import { AppBar } from './AppBar';
import { Menu } from './Menu';
import { useShellContributions } from '../shellContributions';

export const Layout = ({ children }: { children: ReactNode }) => {
  const translate = useTranslate();
  const appTitle = translate('hotline.app.title');
  const { banners } = useShellContributions();
  // Keep the browser tab title in the current language.
  useEffect(() => {
    document.title = appTitle;
  }, [appTitle]);
  return (
    // react-admin's layout grows to its widest content (min-width: fit-content); held to the
    // screen instead, a wide table scrolls inside its own container, not the whole page.
    <RaLayout appBar={AppBar} menu={Menu} sx={{ minWidth: 0, '& .RaLayout-content': { minWidth: 0 } }}>
      {banners.map((Banner, index) => (
        <Banner key={index} />
      ))}
      {children}
    </RaLayout>
  );
};
