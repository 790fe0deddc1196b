// A work queue: the cases matching one filter, most urgent first, as a card on a home page.
import { Card, CardContent, CardHeader, Chip } from '@mui/material';
import { Datagrid, ListBase, Pagination, useListContext, useTranslate } from 'react-admin';
import { CaseColumns } from './CaseList';

export interface CaseQueueProps {
  /** Stable name (test id, saved sort). */
  name: string;
  /** Translation key of the title. */
  title: string;
  filter: Record<string, unknown>;
  sort?: { field: string; order: 'ASC' | 'DESC' };
  perPage?: number;
}

const QueueHeader = ({ title, name }: { title: string; name: string }) => {
  const translate = useTranslate();
  const { total } = useListContext();
  return <CardHeader title={translate(title)} slotProps={{ title: { variant: 'subtitle1', component: 'h2' } }} action={<Chip size="small" label={total ?? '…'} data-testid={`queue-${name}-total`} />} sx={{ pb: 0 }} />;
};

export const CaseQueue = ({ name, title, filter, sort = { field: 'handleDueAt', order: 'ASC' }, perPage = 10 }: CaseQueueProps) => (
  <ListBase resource="cases" filter={filter} sort={sort} perPage={perPage} disableSyncWithLocation storeKey={`queue.${name}`}>
    <Card data-testid={`queue-${name}`}>
      <QueueHeader title={title} name={name} />
      <CardContent sx={{ pt: 0, '&:last-child': { pb: 0 } }}>
        <Datagrid rowClick="show" bulkActionButtons={false} empty={<EmptyQueue />} size="small">
          {CaseColumns()}
        </Datagrid>
        <Pagination rowsPerPageOptions={[perPage]} />
      </CardContent>
    </Card>
  </ListBase>
);

const EmptyQueue = () => {
  const translate = useTranslate();
  return <Chip variant="outlined" sx={{ m: 2 }} label={translate('hotline.home.emptyQueue')} />;
};
