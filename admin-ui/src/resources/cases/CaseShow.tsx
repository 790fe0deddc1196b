// One case: what was asked, where it stands (light, time left), its units and results, the
// actions this user may take now, and the tabs other features add (timeline, replay …).
import { Alert, Box, Card, CardContent, Chip, Divider, Grid, LinearProgress, Stack, Tab, Tabs, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import {
  DateField,
  ReferenceField,
  ShowBase,
  Title,
  useGetIdentity,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { hasAnyRole } from '../../shell/access/roles';
import { LocalizedNameField } from '../../shell/common/LocalizedName';
import { UnitLabel } from '../../shell/common/UnitLabel';
import { isHotlineIdentity, type HotlineIdentity } from '../../shell/providers/authProvider';
import { allows } from './actions/registry';
import { useCaseContributions } from './caseContributions';
import { CaseBridgeCall } from './CaseBridgeCall';
import { CaseCalls } from './CaseCalls';
import { ComplainedUnitButton, ConfidentialityButton, ConfidentialityMarks } from './Confidentiality';
import { DispatchSheetButton, ReplyReportButton } from './CasePapers';
import { CaseStatusChip } from './fields/CaseStatusField';
import { TimeLeftText } from './fields/TimeLeftField';
import { WarningLight } from './fields/WarningLightField';
import type { CaseAssignment, CaseRecord } from './types';

const Labelled = ({ label, children }: { label: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Box>
      <Typography variant="caption" color="text.secondary">{translate(label)}</Typography>
      <Box>{children}</Box>
    </Box>
  );
};

const Summary = ({ record, canChangeConfidentiality, canNameComplainedUnit }: { record: CaseRecord; canChangeConfidentiality: boolean; canNameComplainedUnit: boolean }) => {
  const translate = useTranslate();
  return (
    <Card>
      <CardContent>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', mb: 1 }}>
          <WarningLight level={record.warningLevel} />
          <Typography variant="h6" component="h2" data-testid="case-title">{record.title}</Typography>
          <CaseStatusChip status={record.status} />
          <ConfidentialityMarks record={record} />
          <TimeLeftText timeLeft={record.timeLeft} />
        </Stack>
        {record.suspendedAt && (
          // 挂起: no clock counts until it resumes (by a command, or by itself at the planned end).
          <Alert severity="warning" sx={{ mb: 2 }} data-testid="case-suspended">
            {translate('hotline.case.suspension.banner', { since: new Date(record.suspendedAt).toLocaleString(), until: record.suspendedUntil ? new Date(record.suspendedUntil).toLocaleString() : '—' })}
          </Alert>
        )}
        <Typography variant="body1" sx={{ whiteSpace: 'pre-wrap', mb: 2 }}>{record.content}</Typography>
        <Grid container spacing={2}>
          <Grid size={{ xs: 6, md: 3 }}><Labelled label="hotline.case.fields.id"><span data-testid="case-id">{record.id}</span></Labelled></Grid>
          <Grid size={{ xs: 6, md: 3 }}><Labelled label="hotline.case.fields.channel">{translate(`hotline.case.channel.${record.channel}`)}</Labelled></Grid>
          <Grid size={{ xs: 6, md: 3 }}>
            <Labelled label="hotline.case.fields.caseTypeCode">
              <ReferenceField source="caseTypeCode" reference="case-types" link={false}><LocalizedNameField /></ReferenceField>
            </Labelled>
          </Grid>
          <Grid size={{ xs: 6, md: 3 }}>
            <Labelled label="hotline.case.fields.categoryId">
              <ReferenceField source="categoryId" reference="categories" link={false} emptyText="—"><LocalizedNameField /></ReferenceField>
            </Labelled>
          </Grid>
          <Grid size={{ xs: 6, md: 3 }}><Labelled label="hotline.case.fields.urgency">{translate(`hotline.case.urgency.${record.urgency}`)}</Labelled></Grid>
          {record.dispatchMode !== null && (
            <Grid size={{ xs: 6, md: 3 }}><Labelled label="hotline.case.fields.dispatchMode">{translate(`hotline.case.marks.mode.${record.dispatchMode}`)}</Labelled></Grid>
          )}
          <Grid size={{ xs: 6, md: 3 }}><Labelled label="hotline.case.fields.citizenName">{record.citizenName ?? '—'}</Labelled></Grid>
          <Grid size={{ xs: 6, md: 3 }}><Labelled label="hotline.case.fields.citizenPhone">{record.citizenPhone ?? '—'}</Labelled></Grid>
          <Grid size={{ xs: 6, md: 3 }}><Labelled label="hotline.case.fields.address">{record.address ?? '—'}</Labelled></Grid>
          <Grid size={{ xs: 6, md: 3 }}><Labelled label="hotline.case.fields.registeredAt"><DateField source="registeredAt" showTime /></Labelled></Grid>
          <Grid size={{ xs: 6, md: 3 }}><Labelled label="hotline.case.fields.signForDueAt"><DateField source="signForDueAt" showTime emptyText="—" /></Labelled></Grid>
          {record.finalHandleDueAt && !record.handleDueAt ? (
            // The clock stopped when the result went up: the deadline it was judged against stays.
            <Grid size={{ xs: 6, md: 3 }} data-testid="case-final-handle-due"><Labelled label="hotline.case.fields.finalHandleDueAt"><DateField source="finalHandleDueAt" showTime /></Labelled></Grid>
          ) : (
            <Grid size={{ xs: 6, md: 3 }} data-testid="case-handle-due"><Labelled label="hotline.case.fields.handleDueAt"><DateField source="handleDueAt" showTime emptyText="—" /></Labelled></Grid>
          )}
          <Grid size={{ xs: 6, md: 3 }} data-testid="case-original-handle-due"><Labelled label="hotline.case.fields.originalHandleDueAt"><DateField source="originalHandleDueAt" showTime emptyText="—" /></Labelled></Grid>
          <Grid size={{ xs: 6, md: 3 }} data-testid="case-result-submitted"><Labelled label="hotline.case.fields.resultSubmittedAt"><DateField source="resultSubmittedAt" showTime emptyText="—" /></Labelled></Grid>
          <Grid size={{ xs: 6, md: 3 }}><Labelled label="hotline.case.fields.escalationLevel">{record.escalationLevel}</Labelled></Grid>
          <Grid size={{ xs: 6, md: 3 }} data-testid="case-suspended-days">
            <Labelled label="hotline.case.fields.suspendedWorkingDays">{translate('hotline.case.suspension.total', { days: record.suspendedWorkingDays ?? 0 })}</Labelled>
          </Grid>
        </Grid>
        {/* The paper is there from the first dispatch on, for everyone who reads the case. */}
        {record.dispatchedAt && <Box sx={{ mt: 2 }}><DispatchSheetButton caseId={record.id} /></Box>}
        {/* 保密 is set or lifted by a supervisor only (api/cases/confidentiality.ts). */}
        {(canChangeConfidentiality || canNameComplainedUnit) && (
          <Stack direction="row" spacing={1} sx={{ mt: 2 }}>
            {canChangeConfidentiality && <ConfidentialityButton record={record} />}
            {/* 回避: the office (dispatchers, supervisors) names the unit complained about. */}
            {canNameComplainedUnit && <ComplainedUnitButton record={record} />}
          </Stack>
        )}
      </CardContent>
    </Card>
  );
};

/** The assignments as a tree: each sub-unit's (下派) right under the unit that passed the case down, one step further in. */
const asTree = (assignments: CaseAssignment[]): { assignment: CaseAssignment; depth: number }[] => {
  const below = (parentId: string | null, depth: number): { assignment: CaseAssignment; depth: number }[] =>
    assignments
      .filter((a) => (a.parentAssignmentId ?? null) === parentId)
      .flatMap((assignment) => [{ assignment, depth }, ...below(assignment.id, depth + 1)]);
  return below(null, 0);
};

const Assignments = ({ assignments: flat }: { assignments: CaseAssignment[] }) => {
  const translate = useTranslate();
  if (flat.length === 0) return null;
  const tree = asTree(flat);
  return (
    <Card>
      <CardContent>
        <Typography variant="subtitle1" component="h3" gutterBottom>{translate('hotline.case.sections.assignments')}</Typography>
        <Stack divider={<Divider flexItem />} spacing={1}>
          {tree.map(({ assignment, depth }) => (
            <Stack key={assignment.id} direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap', pl: depth * 3 }} data-testid={`assignment-${assignment.unitId}`} data-depth={depth}>
              <WarningLight level={assignment.warningLevel} />
              <Chip size="small" label={translate(`hotline.case.assignmentRole.${assignment.role}`)} color={assignment.role === 'lead' ? 'primary' : 'default'} />
              <Typography variant="body2" sx={{ fontWeight: 500 }}><UnitLabel unitId={assignment.unitId} /></Typography>
              <Typography variant="body2" color="text.secondary" data-status={assignment.status}>{translate(`hotline.assignment.status.${assignment.status}`, { _: assignment.status })}</Typography>
              {assignment.handlerName && <Chip size="small" variant="outlined" data-testid={`handler-${assignment.unitId}`} label={translate('hotline.case.handler', { name: assignment.handlerName })} />}
              {assignment.opinion && <Typography variant="body2" sx={{ flexBasis: '100%' }}>{assignment.opinion}</Typography>}
            </Stack>
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
};

const Results = ({ record }: { record: CaseRecord }) => {
  const translate = useTranslate();
  const results = record.results ?? [];
  if (results.length === 0) return null;
  return (
    <Card>
      <CardContent>
        <Typography variant="subtitle1" component="h3" gutterBottom>{translate('hotline.case.sections.results')}</Typography>
        <Stack divider={<Divider flexItem />} spacing={1}>
          {results.map((result) => (
            <Box key={result.id}>
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>{result.actionsTaken}</Typography>
              <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'pre-wrap' }}>{result.replyToCitizen}</Typography>
              <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                <Typography variant="caption" color="text.secondary">{result.handlerName} · {new Date(result.submittedAt).toLocaleString()}</Typography>
                <ReplyReportButton caseId={record.id} resultId={result.id} round={result.round} />
              </Stack>
            </Box>
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
};

const Callbacks = ({ record }: { record: CaseRecord }) => {
  const translate = useTranslate();
  const callbacks = record.callbacks ?? [];
  if (callbacks.length === 0) return null;
  return (
    <Card>
      <CardContent>
        <Typography variant="subtitle1" component="h3" gutterBottom>{translate('hotline.case.sections.callbacks')}</Typography>
        <Stack divider={<Divider flexItem />} spacing={1}>
          {callbacks.map((callback) => (
            <Stack key={callback.id} direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }} data-testid="case-callback">
              <Typography variant="body2" sx={{ fontWeight: 500 }}>{translate('hotline.case.callback.round', { round: callback.round })}</Typography>
              <Chip size="small" variant="outlined" label={translate(`hotline.case.callback.status.${callback.status}`)} />
              {callback.method && <Typography variant="body2">{translate(`hotline.case.callback.method.${callback.method}`)}</Typography>}
              {callback.satisfaction && <Chip size="small" color="primary" label={translate(`hotline.case.satisfaction.${callback.satisfaction}`)} data-satisfaction={callback.satisfaction} />}
              {callback.resolved !== null && <Typography variant="body2">{translate(`hotline.case.callback.resolved.${callback.resolved ? 'yes' : 'no'}`)}</Typography>}
              {callback.finishedAt && <Typography variant="caption" color="text.secondary">{new Date(callback.finishedAt).toLocaleString()}</Typography>}
              {callback.comment && <Typography variant="body2" sx={{ flexBasis: '100%' }}>{callback.comment}</Typography>}
            </Stack>
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
};

/** 响应: the lead unit's recorded contacts with the citizen, the first one's delay after its dispatch. */
const Contacts = ({ record }: { record: CaseRecord }) => {
  const translate = useTranslate();
  const contacts = record.contacts ?? [];
  if (contacts.length === 0) return null;
  const dispatchedAt = (assignmentId: string) => (record.assignments ?? []).find((a) => a.id === assignmentId)?.dispatchedAt;
  const firstOf = new Map<string, string>();
  for (const contact of contacts) if (!firstOf.has(contact.assignmentId)) firstOf.set(contact.assignmentId, contact.id);
  return (
    <Card>
      <CardContent>
        <Typography variant="subtitle1" component="h3" gutterBottom>{translate('hotline.case.sections.contacts')}</Typography>
        <Stack divider={<Divider flexItem />} spacing={1}>
          {contacts.map((contact) => {
            const dispatched = dispatchedAt(contact.assignmentId);
            // Within the minute of the dispatch a contact may read a few seconds before it (times are entered to the minute).
            const hours = dispatched ? Math.max(0, Date.parse(contact.contactedAt) - Date.parse(dispatched)) / 3_600_000 : null;
            return (
              <Stack key={contact.id} direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }} data-testid="case-contact">
                {firstOf.get(contact.assignmentId) === contact.id && <Chip size="small" color="primary" label={translate('hotline.case.contact.first')} />}
                <Typography variant="body2" sx={{ fontWeight: 500 }}><UnitLabel unitId={contact.unitId} /></Typography>
                <Typography variant="body2" data-means={contact.means}>{translate(`hotline.department.choices.means.${contact.means}`)}</Typography>
                <Typography variant="body2">{new Date(contact.contactedAt).toLocaleString()}</Typography>
                {hours !== null && <Typography variant="caption" color="text.secondary">{translate('hotline.case.contact.afterDispatch', { hours: hours.toFixed(1) })}</Typography>}
                {contact.note && <Typography variant="body2" sx={{ flexBasis: '100%' }}>{contact.note}</Typography>}
              </Stack>
            );
          })}
        </Stack>
      </CardContent>
    </Card>
  );
};

const Actions = ({ record, identity }: { record: CaseRecord; identity: HotlineIdentity }) => {
  const translate = useTranslate();
  const { caseActions } = useCaseContributions();
  const available = caseActions.filter((action) => hasAnyRole(identity.roles, action.roles) && allows(record, action.command));
  return (
    <Card>
      <CardContent>
        <Typography variant="subtitle1" component="h3" gutterBottom>{translate('hotline.case.sections.actions')}</Typography>
        {/* A record shown from a list's cache has no allowedCommands until the case itself is read. */}
        {record.allowedCommands === undefined ? (
          <LinearProgress data-testid="case-actions-loading" />
        ) : available.length === 0 ? (
          <Typography variant="body2" color="text.secondary">{translate('hotline.case.sections.noActions')}</Typography>
        ) : (
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }} data-testid="case-actions">
            {available.map((action) => <Box key={action.key}>{action.render(record, identity)}</Box>)}
          </Stack>
        )}
      </CardContent>
    </Card>
  );
};

const CaseView = () => {
  const translate = useTranslate();
  const record = useRecordContext<CaseRecord>();
  const { identity } = useGetIdentity();
  const [tab, setTab] = useState('summary');
  const { caseTabs } = useCaseContributions();
  if (!record || !isHotlineIdentity(identity)) return null;
  const tabs = caseTabs.filter((t) => t.roles.length === 0 || hasAnyRole(identity.roles, t.roles));
  const current = tabs.find((t) => t.key === tab);
  return (
    <Box sx={{ mt: 1 }}>
      <Title title={translate('hotline.case.pageTitle', { id: record.id })} />
      {tabs.length > 0 && (
        <Tabs value={current ? tab : 'summary'} onChange={(_, value: string) => setTab(value)} sx={{ mb: 1 }} variant="scrollable">
          <Tab value="summary" label={translate('hotline.case.sections.summary')} />
          {tabs.map((t) => <Tab key={t.key} value={t.key} label={translate(t.label)} data-testid={`case-tab-${t.key}`} />)}
        </Tabs>
      )}
      {current ? current.render(record) : (
        <Stack spacing={2}>
          <Summary record={record} canChangeConfidentiality={hasAnyRole(identity.roles, ['supervisor'])} canNameComplainedUnit={hasAnyRole(identity.roles, ['dispatcher', 'supervisor'])} />
          <Actions record={record} identity={identity} />
          <CaseBridgeCall record={record} identity={identity} />
          <Assignments assignments={record.assignments ?? []} />
          <Contacts record={record} />
          <Results record={record} />
          <Callbacks record={record} />
          <CaseCalls caseId={record.id} />
        </Stack>
      )}
    </Box>
  );
};

export const CaseShow = () => (
  <ShowBase>
    <CaseView />
  </ShowBase>
);
