import MonitorHeartIcon from '@mui/icons-material/MonitorHeart';
import { Menu as RaMenu } from 'react-admin';

/** Home, system status, then one entry per registered resource (with a list view). */
export const Menu = () => (
  <RaMenu>
    <RaMenu.DashboardItem primaryText="hotline.dashboard.title" />
    <RaMenu.Item
      to="/system-status"
      primaryText="hotline.health.title"
      leftIcon={<MonitorHeartIcon />}
    />
    <RaMenu.ResourceItems />
  </RaMenu>
);
