import { Menu as RaMenu } from 'react-admin';
import { hasAnyRole, useRoles } from '../access/roles';
import { useShellContributions } from '../shellContributions';

/** Home (the role's work queue), then the entries the user's roles may use. */
export const Menu = () => {
  const roles = useRoles();
  const { menu } = useShellContributions();
  return (
    <RaMenu>
      <RaMenu.DashboardItem primaryText="hotline.dashboard.title" />
      {menu
        .filter((entry) => hasAnyRole(roles, entry.roles))
        .map((entry) => (
          <RaMenu.Item key={entry.to} to={entry.to} primaryText={entry.label} leftIcon={entry.icon} />
        ))}
    </RaMenu>
  );
};
