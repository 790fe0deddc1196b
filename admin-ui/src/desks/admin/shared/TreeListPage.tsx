// A tree resource's list page (units, categories): every row at once, as a collapsible tree,
// with "add below" and "edit" on each node.
import AddIcon from '@mui/icons-material/Add';
import { Alert, Box, Card, CardContent, Chip, FormControlLabel, LinearProgress, Stack, Switch } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { Button, CreateButton, EditButton, Link, RecordContextProvider, Title, useCreatePath, useGetList, useTranslate } from 'react-admin';
import { useLocalizedName } from '../../../shell/common/LocalizedName';
import { Tree, type TreeRow } from './Tree';

export interface TreeRecord extends TreeRow {
  nameEn: string | null;
  code: string;
  active: boolean;
}

interface TreeListPageProps<T extends TreeRecord> {
  resource: string;
  title: string;
  testIdPrefix: string;
  /** Extra chips beside a node's name. */
  details?: (row: T) => ReactNode;
  /** Whether a node may get children (e.g. units stop three levels below the office). */
  canAddBelow?: (row: T) => boolean;
}

export const TreeListPage = <T extends TreeRecord>({ resource, title, testIdPrefix, details, canAddBelow = () => true }: TreeListPageProps<T>) => {
  const translate = useTranslate();
  const localized = useLocalizedName();
  const createPath = useCreatePath();
  const [showInactive, setShowInactive] = useState(false);
  const { data, isPending, error } = useGetList<T>(resource, {
    pagination: { page: 1, perPage: 1000 },
    sort: { field: 'sortOrder', order: 'ASC' },
    filter: showInactive ? {} : { active: true },
  });
  const addBelow = (row: T) => ({ pathname: createPath({ resource, type: 'create' }), search: `?source=${encodeURIComponent(JSON.stringify({ parentId: row.id }))}` });
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={title} />
      <CardContent>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
          <CreateButton resource={resource} />
          <FormControlLabel control={<Switch checked={showInactive} onChange={(event) => setShowInactive(event.target.checked)} />} label={translate('hotline.admin.tree.showInactive')} />
        </Stack>
        {isPending && <LinearProgress />}
        {error != null && <Alert severity="error">{error.message}</Alert>}
        {data !== undefined && (
          <Tree
            rows={data}
            testIdPrefix={testIdPrefix}
            renderRow={(row) => (
              <RecordContextProvider value={row}>
                <Box sx={{ flex: 1, display: 'flex', alignItems: 'center', gap: 1, minWidth: 0 }}>
                  <Link to={createPath({ resource, type: 'edit', id: row.id })} sx={{ fontWeight: 500, color: row.active ? undefined : 'text.disabled' }}>
                    {localized(row)}
                  </Link>
                  <Chip size="small" variant="outlined" label={row.code} />
                  {details?.(row)}
                  {!row.active && <Chip size="small" label={translate('hotline.admin.tree.inactive')} />}
                </Box>
                <Button component={Link} to={addBelow(row)} label="hotline.admin.tree.addBelow" data-testid={`add-below-${row.id}`} disabled={!row.active || !canAddBelow(row)}>
                  <AddIcon />
                </Button>
                <EditButton resource={resource} record={row} />
              </RecordContextProvider>
            )}
          />
        )}
      </CardContent>
    </Card>
  );
};
