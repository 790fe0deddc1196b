import ApartmentIcon from '@mui/icons-material/Apartment';
import { Box, Card, CardContent, Chip, Skeleton, Stack, Typography } from '@mui/material';
import { Title, useGetIdentity, useTranslate } from 'react-admin';
import { homeOf } from '../home/roleHomes';
import { isHotlineIdentity } from '../providers/authProvider';
import { useShellContributions } from '../shellContributions';

/** Greeting with the signed-in user's name, roles and unit. */
const Welcome = () => {
  const translate = useTranslate();
  const { identity, isPending } = useGetIdentity();

  if (isPending) {
    return (
      <Card>
        <CardContent>
          <Skeleton variant="text" width="40%" height={40} />
          <Skeleton variant="text" width="60%" />
        </CardContent>
      </Card>
    );
  }
  if (!isHotlineIdentity(identity)) return null;

  return (
    <Card>
      <CardContent>
        <Typography variant="h5" component="h2" gutterBottom>
          {translate('hotline.dashboard.greeting', { name: identity.fullName })}
        </Typography>
        <Stack spacing={1}>
          <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography variant="body2" color="text.secondary">
              {translate('hotline.dashboard.roles')}
            </Typography>
            {identity.roles.length === 0 ? (
              <Typography variant="body2">{translate('hotline.dashboard.noRoles')}</Typography>
            ) : (
              identity.roles.map((role) => (
                <Chip
                  key={role}
                  size="small"
                  color="primary"
                  variant="outlined"
                  label={translate(`hotline.roles.${role}`, { _: role })}
                />
              ))
            )}
          </Stack>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Typography variant="body2" color="text.secondary">
              {translate('hotline.dashboard.unit')}
            </Typography>
            <ApartmentIcon fontSize="small" color="action" />
            <Typography variant="body2">
              {identity.unitName ?? translate('hotline.dashboard.noUnit')}
            </Typography>
          </Stack>
        </Stack>
      </CardContent>
    </Card>
  );
};

/** The signed-in role's work queue (every role's desk gives one). */
const RoleHome = () => {
  const { identity } = useGetIdentity();
  const { homes } = useShellContributions();
  if (!isHotlineIdentity(identity)) return null;
  const Home = homeOf(identity.roles, homes);
  return Home === undefined ? null : <Home />;
};

/** The home page: who is signed in, then their work. */
export const Dashboard = () => (
  <Box sx={{ mt: 2 }}>
    <Title title="hotline.dashboard.title" />
    <Stack spacing={2}>
      <Welcome />
      <RoleHome />
    </Stack>
  </Box>
);
