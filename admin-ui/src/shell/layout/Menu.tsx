import { Menu as RaMenu } from 'react-admin';
import { hasAnyRole, useRoles } from '../access/roles';
import { menuEntries } from './menuEntries';

/** Home (the role's work queue), then the entries the user's roles may use. */
export const Menu = () => {
  const roles = useRoles();
  return (
    <RaMenu>
      <RaMenu.DashboardItem primaryText="hotline.dashboard.title" />
      {menuEntries
        .filter((entry) => hasAnyRole(roles, entry.roles))
        .map((entry) => (
          <RaMenu.Item key={entry.to} to={entry.to} primaryText={entry.label} leftIcon={entry.icon} />
        ))}
    </RaMenu>
  );
};
