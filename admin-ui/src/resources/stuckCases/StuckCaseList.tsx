// /stuck-cases: the workflow steps that failed and wait (GET /api/stuck-cases), for admins,
// supervisors and auditors; admins retry a row or all of them. The list polls: a retried
// step leaves it a moment after the retry, when its write has gone through.
import { Alert, Chip, Link as MuiLink, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import {
  BooleanInput,
  Datagrid,
  DateField,
  FunctionField,
  List,
  NumberField,
  SelectInput,
  TopToolbar,
  useListContext,
  useLocaleState,
  useTranslate,
} from 'react-admin';
import { Link } from 'react-router-dom';
import { hasAnyRole, useRoles } from '../../shell/access/roles';
import { STUCK_CASE_RETRIERS } from './access';
import { RetryAllButton, RetryStepButton, RetryStepDialog } from './RetryActions';
import type { StuckStepName, StuckStepRow } from './types';

/** Every step that can get stuck: the record makes the compiler name a new one here. */
const STEPS = Object.keys({ projection: true, rules: true, effects: true, callback: true, poll: true } satisfies Record<StuckStepName, true>) as StuckStepName[];
const REFRESH_INTERVAL_MS = 5_000;

const useStuckCaseFilters = () => {
  const translate = useTranslate();
  return [
    <BooleanInput key="resolved" source="resolved" label="hotline.stuckCases.fields.showResolved" alwaysOn />,
    <SelectInput key="step" source="step" label="hotline.stuckCases.fields.step" choices={STEPS.map((id) => ({ id, name: translate(`hotline.stuckCases.step.${id}`) }))} alwaysOn />,
  ];
};

const showsResolved = (filterValues: Record<string, unknown>) => filterValues.resolved === true;

/** The poll campaign's title (its id when gone), linked to the polls page. */
const PollName = ({ row }: { row: StuckStepRow }) => {
  const translate = useTranslate();
  return (
    <MuiLink component={Link} to="/polls" data-testid="stuck-poll">
      {translate('hotline.stuckCases.subject.poll', { name: row.pollTitle ?? row.pollCampaignId })}
    </MuiLink>
  );
};

/** The case's number, linked to its page; plain when the registration itself is the stuck write. A poll's step names the poll. */
const CaseNumber = ({ row }: { row: StuckStepRow }) => {
  const translate = useTranslate();
  if (row.pollCampaignId !== null) return <PollName row={row} />;
  if (row.caseVisible && row.caseId !== null) {
    return (
      <MuiLink component={Link} to={`/cases/${encodeURIComponent(row.caseId)}/show`}>
        {row.caseId}
      </MuiLink>
    );
  }
  return (
    <Stack>
      <Typography variant="body2">{row.caseId}</Typography>
      <Typography variant="caption" color="text.secondary" data-testid="case-not-projected">
        {translate('hotline.stuckCases.notProjected')}
      </Typography>
    </Stack>
  );
};

/** Waits for an admin, or retries by itself at a time. */
const RetryMode = ({ row }: { row: StuckStepRow }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (row.permanent || row.nextRetryAt === null) return <Chip size="small" color="warning" label={translate('hotline.stuckCases.permanent')} data-testid="retry-mode" data-permanent="true" />;
  return <Chip size="small" color="info" variant="outlined" label={translate('hotline.stuckCases.willRetry', { time: new Date(row.nextRetryAt).toLocaleString(locale) })} data-testid="retry-mode" data-permanent="false" />;
};

/** The database's own words can be long: three lines, the whole text on hover. */
const ErrorText = ({ row }: { row: StuckStepRow }) => (
  <Stack sx={{ maxWidth: 480 }}>
    <Typography
      variant="body2"
      title={row.errorMessage}
      data-testid="error-message"
      sx={{ display: '-webkit-box', WebkitLineClamp: 3, WebkitBoxOrient: 'vertical', overflow: 'hidden', wordBreak: 'break-word' }}
    >
      {row.errorMessage}
    </Typography>
    <Typography variant="caption" color="text.secondary">
      {row.errorType}
    </Typography>
  </Stack>
);

/** What the open steps are and what to do about them (not shown over the recovered ones). */
const OpenStepsHint = () => {
  const translate = useTranslate();
  const { filterValues } = useListContext();
  if (showsResolved(filterValues)) return null;
  return (
    <Alert severity="info" sx={{ borderRadius: 0 }}>
      {translate('hotline.stuckCases.hint')}
    </Alert>
  );
};

const StuckCaseActions = ({ canRetry }: { canRetry: boolean }) => {
  const { filterValues, total } = useListContext();
  if (!canRetry || showsResolved(filterValues)) return null;
  return (
    <TopToolbar>
      <RetryAllButton disabled={!total} />
    </TopToolbar>
  );
};

const StuckCaseGrid = ({ canRetry, onRetry }: { canRetry: boolean; onRetry: (row: StuckStepRow) => void }) => {
  const translate = useTranslate();
  const { filterValues } = useListContext();
  const resolved = showsResolved(filterValues);
  return (
    <Datagrid bulkActionButtons={false} rowClick={false} empty={<Typography sx={{ p: 2 }} color="text.secondary">{translate(resolved ? 'hotline.stuckCases.emptyResolved' : 'hotline.stuckCases.empty')}</Typography>}>
      <FunctionField<StuckStepRow> label="hotline.stuckCases.fields.caseId" sortBy="caseId" render={(row) => <CaseNumber row={row} />} />
      <FunctionField<StuckStepRow> label="hotline.stuckCases.fields.step" sortable={false} render={(row) => translate(`hotline.stuckCases.step.${row.step}`, { _: row.step })} />
      {resolved ? (
        <DateField source="resolvedAt" label="hotline.stuckCases.fields.resolvedAt" showTime sortable={false} />
      ) : (
        <FunctionField<StuckStepRow> label="hotline.stuckCases.fields.retryMode" sortable={false} render={(row) => <RetryMode row={row} />} />
      )}
      <FunctionField<StuckStepRow> label="hotline.stuckCases.fields.errorMessage" sortable={false} render={(row) => <ErrorText row={row} />} />
      <NumberField source="attempts" label="hotline.stuckCases.fields.attempts" />
      <DateField source="firstFailedAt" label="hotline.stuckCases.fields.firstFailedAt" showTime />
      <DateField source="lastFailedAt" label="hotline.stuckCases.fields.lastFailedAt" showTime />
      {canRetry && !resolved && <RetryStepButton onRetry={onRetry} />}
    </Datagrid>
  );
};

export const StuckCaseList = () => {
  const canRetry = hasAnyRole(useRoles(), STUCK_CASE_RETRIERS);
  const [retrying, setRetrying] = useState<StuckStepRow | null>(null);
  return (
    <List
      title="hotline.stuckCases.title"
      filters={useStuckCaseFilters()}
      filterDefaultValues={{ resolved: false }}
      sort={{ field: 'firstFailedAt', order: 'ASC' }}
      perPage={25}
      actions={<StuckCaseActions canRetry={canRetry} />}
      queryOptions={{ refetchInterval: REFRESH_INTERVAL_MS }}
      storeKey="stuck-cases.list"
    >
      <OpenStepsHint />
      <StuckCaseGrid canRetry={canRetry} onRetry={setRetrying} />
      {retrying !== null && <RetryStepDialog row={retrying} onClose={() => setRetrying(null)} />}
    </List>
  );
};
