// Earlier cases as a short list: light (when known), number, title, status; each links to its case.
import { Link as MuiLink, List, ListItem, Stack, Typography } from '@mui/material';
import { Link } from 'react-router-dom';
import { useCreatePath } from 'react-admin';
import { CaseStatusChip } from '../../../resources/cases/fields/CaseStatusField';
import { WarningLight } from '../../../resources/cases/fields/WarningLightField';
import type { WarningLevel } from '../../../resources/cases/types';

export interface EarlierCaseItem {
  id: string;
  title: string;
  status: string;
  receivedAt: string;
  warningLevel?: WarningLevel;
}

export const EarlierCaseList = ({ cases, testId }: { cases: EarlierCaseItem[]; testId: string }) => {
  const createPath = useCreatePath();
  return (
    <List dense disablePadding data-testid={testId}>
      {cases.map((item) => (
        <ListItem key={item.id} disableGutters data-testid="earlier-case" data-case-id={item.id}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', width: '100%', minWidth: 0 }}>
            {item.warningLevel !== undefined && <WarningLight level={item.warningLevel} />}
            <MuiLink component={Link} to={createPath({ resource: 'cases', id: item.id, type: 'show' })} variant="body2" sx={{ whiteSpace: 'nowrap' }}>
              {item.id}
            </MuiLink>
            <Typography variant="body2" noWrap sx={{ flex: 1, minWidth: 0 }} title={item.title}>
              {item.title}
            </Typography>
            <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
              {new Date(item.receivedAt).toLocaleDateString()}
            </Typography>
            <CaseStatusChip status={item.status} />
          </Stack>
        </ListItem>
      ))}
    </List>
  );
};
