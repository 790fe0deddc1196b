// /polls: opinion polls (民意调查) by status. Supervisors and admins draft a poll, start, pause,
// resume or cancel it, and read its results.
import { Button, Card, CardContent, CardHeader, Tab, Table, TableBody, TableCell, TableHead, TableRow, Tabs, Typography } from '@mui/material';
import { useState } from 'react';
import { Title, useGetList, useTranslate } from 'react-admin';
import { NewPollDialog, PollCommandDialog, PollResultsDialog } from './PollDialogs';
import { POLL_COMMANDS, POLL_STATUSES, type Poll, type PollCommand, type PollStatus } from './types';

export const POLLS_RESOURCE = 'polls';

type Open = { kind: 'new' } | { kind: 'command'; poll: Poll; command: PollCommand } | { kind: 'results'; poll: Poll };

export const PollsPage = () => {
  const translate = useTranslate();
  const [status, setStatus] = useState<PollStatus>('running');
  const [open, setOpen] = useState<Open | null>(null);
  const { data } = useGetList<Poll>(POLLS_RESOURCE, { filter: { status }, pagination: { page: 1, perPage: 50 }, sort: { field: 'createdAt', order: 'DESC' } });
  const t = (key: string) => translate(`hotline.polls.${key}`);

  return (
    <Card>
      <Title title={t('title')} />
      <CardHeader
        title={t('title')}
        subheader={t('hint')}
        slotProps={{ title: { variant: 'h6', component: 'h1' } }}
        action={<Button variant="contained" onClick={() => setOpen({ kind: 'new' })} data-testid="new-poll">{t('create')}</Button>}
      />
      <CardContent>
        <Tabs value={status} onChange={(_event, value: PollStatus) => setStatus(value)}>
          {POLL_STATUSES.map((s) => <Tab key={s} value={s} label={t(`status.${s}`)} data-testid={`poll-status-${s}`} />)}
        </Tabs>
        {data !== undefined && data.length === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>{t('none')}</Typography>
        ) : (
          <Table size="small" data-testid="polls">
            <TableHead>
              <TableRow>
                {['title', 'createdAt', 'maxAttempts', 'progress'].map((field) => <TableCell key={field}>{t(`fields.${field}`)}</TableCell>)}
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {(data ?? []).map((poll) => (
                <TableRow key={poll.id} data-testid="poll" data-poll-id={poll.id}>
                  <TableCell sx={{ minWidth: 200 }}>{poll.title}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{new Date(poll.createdAt).toLocaleString()}</TableCell>
                  <TableCell>{poll.maxAttempts}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{[poll.numbers.answered, poll.numbers.refused, poll.numbers.unanswered, poll.numbers.skipped, poll.numbers.total].join(' / ')}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    <Button size="small" onClick={() => setOpen({ kind: 'results', poll })} data-testid="poll-results-button">{t('results')}</Button>
                    {POLL_COMMANDS[poll.status].map((command) => (
                      <Button key={command} size="small" color={command === 'cancel' ? 'warning' : 'primary'} onClick={() => setOpen({ kind: 'command', poll, command })} data-testid={`poll-${command}`}>
                        {t(`commands.${command}`)}
                      </Button>
                    ))}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
      {open?.kind === 'new' && <NewPollDialog onClose={() => setOpen(null)} />}
      {open?.kind === 'command' && <PollCommandDialog poll={open.poll} command={open.command} onClose={() => setOpen(null)} />}
      {open?.kind === 'results' && <PollResultsDialog poll={open.poll} onClose={() => setOpen(null)} />}
    </Card>
  );
};
