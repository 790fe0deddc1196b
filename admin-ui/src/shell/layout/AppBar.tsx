import { Divider, Typography } from '@mui/material';
import {
  AppBar as RaAppBar,
  type AppBarProps,
  LoadingIndicator,
  LocalesMenuButton,
  TitlePortal,
  useTranslate,
} from 'react-admin';

/** App title (from the i18n messages), then the current page's title, then the language switch. */
export const AppBar = (props: AppBarProps) => {
  const translate = useTranslate();
  return (
    <RaAppBar
      {...props}
      toolbar={
        <>
          <LocalesMenuButton />
          <LoadingIndicator />
        </>
      }
    >
      <Typography
        variant="h6"
        color="inherit"
        noWrap
        sx={{ display: { xs: 'none', md: 'block' }, flexShrink: 0 }}
      >
        {translate('hotline.app.title')}
      </Typography>
      <Divider
        orientation="vertical"
        flexItem
        sx={{
          display: { xs: 'none', md: 'block' },
          mx: 2,
          my: 1.5,
          borderColor: 'currentColor',
          opacity: 0.4,
        }}
      />
      <TitlePortal />
    </RaAppBar>
  );
};
