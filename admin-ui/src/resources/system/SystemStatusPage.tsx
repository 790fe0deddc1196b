import { Box } from '@mui/material';
import { Title } from 'react-admin';
import { SystemStatusCard } from './SystemStatusCard';

/** `/system-status`: the status card on a page of its own (linked from the menu). */
export const SystemStatusPage = () => (
  <Box sx={{ mt: 2 }}>
    <Title title="hotline.health.title" />
    <SystemStatusCard />
  </Box>
);
