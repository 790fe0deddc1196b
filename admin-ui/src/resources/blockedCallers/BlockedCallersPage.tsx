// /blocked-callers: harassing numbers by status. Operators and dispatchers propose a block;
// supervisors approve or reject proposals and lift active blocks.
import { Button, Card, CardContent, CardHeader, Tab, Table, TableBody, TableCell, TableHead, TableRow, Tabs, Typography } from '@mui/material';
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { hasAnyRole, useRoles } from '../../shell/access/roles';
import { BlockDialog, type BlockAction } from './BlockDialog';
import { BLOCK_PROPOSERS, BLOCK_REVIEWERS, BLOCK_STATUSES, type BlockedCaller, type BlockStatus } from './types';
import { useBlockedCallers } from './useBlockedCallers';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '');

/** What the row shows of the decision: the review comment, or why it was lifted. */
const decisionText = (block: BlockedCaller) => [block.reviewComment, block.liftReason].filter(Boolean).join(' / ');

export const BlockedCallersPage = () => {
  const translate = useTranslate();
  const roles = useRoles();
  const [status, setStatus] = useState<BlockStatus>('pending');
  const [action, setAction] = useState<BlockAction | null>(null);
  const { data } = useBlockedCallers(status);
  const t = (key: string) => translate(`hotline.blockedCallers.${key}`);
  const reviews = hasAnyRole(roles, BLOCK_REVIEWERS);

  return (
    <Card>
      <Title title={t('title')} />
      <CardHeader
        title={t('title')}
        subheader={t('hint')}
        slotProps={{ title: { variant: 'h6', component: 'h1' } }}
        action={hasAnyRole(roles, BLOCK_PROPOSERS) && <Button variant="contained" onClick={() => setAction({ kind: 'propose' })} data-testid="propose-block">{t('actions.propose')}</Button>}
      />
      <CardContent>
        <Tabs value={status} onChange={(_event, value: BlockStatus) => setStatus(value)}>
          {BLOCK_STATUSES.map((s) => <Tab key={s} value={s} label={t(`status.${s}`)} data-testid={`block-status-${s}`} />)}
        </Tabs>
        {data !== undefined && data.length === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>{t('none')}</Typography>
        ) : (
          <Table size="small" data-testid="blocked-callers">
            <TableHead>
              <TableRow>
                {['number', 'reason', 'days', 'proposedAt', 'expiresAt', 'decision'].map((field) => <TableCell key={field}>{t(`fields.${field}`)}</TableCell>)}
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {(data ?? []).map((block) => (
                <TableRow key={block.id} data-testid="blocked-caller" data-block-id={block.id}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{block.number}</TableCell>
                  <TableCell sx={{ minWidth: 200 }}>{block.reason}</TableCell>
                  <TableCell>{block.days}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{when(block.proposedAt)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{when(block.liftedAt ?? block.expiresAt)}</TableCell>
                  <TableCell sx={{ minWidth: 160 }}>{decisionText(block)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {reviews && block.status === 'pending' && (
                      <>
                        <Button size="small" onClick={() => setAction({ kind: 'approve', block })} data-testid="approve-block">{t('actions.approve')}</Button>
                        <Button size="small" color="warning" onClick={() => setAction({ kind: 'reject', block })} data-testid="reject-block">{t('actions.reject')}</Button>
                      </>
                    )}
                    {reviews && block.status === 'active' && <Button size="small" color="warning" onClick={() => setAction({ kind: 'lift', block })} data-testid="lift-block">{t('actions.lift')}</Button>}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
      {action && <BlockDialog action={action} onClose={() => setAction(null)} />}
    </Card>
  );
};
