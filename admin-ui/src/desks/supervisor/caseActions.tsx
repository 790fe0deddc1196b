// The supervisor's commands on a case: override a deadline, issue a supervision notice and
// evaluate the unit's reply to it (with dispatchers), arbitrate a repeated return, decide a
// re-review, decide an extension beyond the cap, and attach a leader's instruction (领导批示).
// Which of them the user may take now is the API's answer; clocks and pending requests come from
// the workflow's state (replayed from the audit trail). Ordinary returns and extensions are the
// office's desk: the supervisor's dialogs are for the requests the workflow marked as theirs.
import AlarmIcon from '@mui/icons-material/Alarm';
import CampaignIcon from '@mui/icons-material/Campaign';
import GavelIcon from '@mui/icons-material/Gavel';
import { Alert } from '@mui/material';
import { AutocompleteInput, BooleanInput, FormDataConsumer, RadioButtonGroupInput, ReferenceInput, required, SelectInput, TextInput, useTranslate, type Validator } from 'react-admin';
import { requiredText } from '../../shell/forms/fieldRules';
import type { FieldValues } from 'react-hook-form';
import { useReplay, type ReplayedClock } from '../../resources/audit/api';
import { beijingLocalToIso, formatTime } from '../../resources/audit/format';
import { UnitLabel } from '../../shell/common/UnitLabel';
import type { CaseRecord } from '../../resources/cases/types';
import { CommandDialog } from '../../resources/cases/actions/CommandDialog';
import type { CaseAction } from '../../resources/cases/actions/registry';
import { EvaluateSupervisionAnswerAction } from './EvaluateSupervisionAnswerAction';
import { LeaderInstructionAction } from './LeaderInstructionAction';

const SUPERVISOR = ['supervisor'] as const;

const reasonRules = requiredText(2000);

const ReasonInput = () => <TextInput source="reason" label="hotline.supervision.fields.reason" multiline minRows={2} fullWidth validate={reasonRules} />;

const DecisionInput = ({ source, yes, no }: { source: string; yes: string; no: string }) => (
  <RadioButtonGroupInput source={source} label={`hotline.supervision.fields.${source}`} choices={[{ id: 'yes', name: yes }, { id: 'no', name: no }]} validate={required()} />
);

const notInPast: Validator = (value: unknown) =>
  typeof value === 'string' && value !== '' && Date.parse(beijingLocalToIso(value)) <= Date.now() ? 'hotline.supervision.validation.notInFuture' : undefined;

const ClockChoice = ({ clock }: { clock: ReplayedClock }) => {
  const translate = useTranslate();
  return (
    <span data-clock-name={clock.name}>
      {translate(`hotline.supervision.clock.${clock.name}`, { _: clock.name })}
      {clock.unitId !== null && <> (<UnitLabel unitId={clock.unitId} />)</>}
      {' — '}{formatTime(clock.dueAt)}
    </span>
  );
};

const OverrideDeadline = ({ record }: { record: CaseRecord }) => {
  const { data } = useReplay(record.id);
  const clocks = data?.state?.clocks ?? [];
  if (clocks.length === 0) return null;
  return (
    <CommandDialog
      caseId={record.id}
      command="overrideDeadline"
      label="hotline.supervision.command.overrideDeadline"
      icon={<AlarmIcon />}
      defaultValues={{ clockKey: clocks.find((c) => c.key === 'handle')?.key ?? clocks[0]?.key }}
      toBody={(values: FieldValues) => ({ clockKey: values.clockKey, dueAt: typeof values.dueAt === 'string' ? beijingLocalToIso(values.dueAt) : values.dueAt, reason: values.reason })}
    >
      <SelectInput
        source="clockKey"
        label="hotline.supervision.fields.clockKey"
        choices={clocks.map((clock) => ({ id: clock.key, clock }))}
        optionText={(choice: { clock: ReplayedClock }) => <ClockChoice clock={choice.clock} />}
        validate={required()}
        fullWidth
      />
      <TextInput
        source="dueAt"
        type="datetime-local"
        label="hotline.supervision.fields.dueAt"
        validate={[required(), notInPast]}
        fullWidth
        autoFocus
        slotProps={{ inputLabel: { shrink: true } }}
      />
      <ReasonInput />
    </CommandDialog>
  );
};

const Supervise = ({ record }: { record: CaseRecord }) => (
  <CommandDialog
    caseId={record.id}
    command="supervise"
    label="hotline.supervision.command.supervise"
    icon={<CampaignIcon />}
    color="warning"
    defaultValues={{ level: '1' }}
    toBody={(values: FieldValues) => ({ content: values.content, level: Number(values.level) })}
  >
    <TextInput source="content" label="hotline.supervision.fields.content" multiline minRows={3} fullWidth autoFocus validate={requiredText(4000)} />
    <RadioButtonGroupInput
      source="level"
      label="hotline.supervision.fields.level"
      choices={[{ id: '1', name: 'hotline.supervision.choice.level1' }, { id: '2', name: 'hotline.supervision.choice.level2' }]}
      validate={required()}
    />
  </CommandDialog>
);

/** Required when approving a return: the unit the case goes to instead. */
const requiredWhenApproving: Validator = (value: unknown, values: FieldValues) =>
  values.approve === 'yes' && (value === undefined || value === null || value === '') ? 'hotline.supervision.validation.required' : undefined;

const ArbitrateReturn = ({ record }: { record: CaseRecord }) => {
  const translate = useTranslate();
  const { data } = useReplay(record.id);
  const pending = data?.state?.pendingReturn ?? null;
  if (pending === null || !pending.arbitration) return null;
  return (
    <CommandDialog
      caseId={record.id}
      command="decideReturn"
      label="hotline.supervision.command.decideReturn"
      icon={<GavelIcon />}
      toBody={(values: FieldValues) => {
        const approve = values.approve === 'yes';
        return {
          approve,
          reason: values.reason,
          ...(approve ? { redispatch: { leadUnitId: values.redispatch?.leadUnitId, assistUnitIds: [] } } : { wrongReturn: values.wrongReturn === true }),
        };
      }}
    >
      <Alert severity="info" sx={{ mb: 1 }}>
        {translate('hotline.supervision.pendingReturn', { unit: pending.unitId, reason: pending.reason })}
      </Alert>
      <DecisionInput source="approve" yes="hotline.supervision.choice.approve" no="hotline.supervision.choice.refuse" />
      <FormDataConsumer>
        {({ formData }) =>
          formData.approve === 'yes' ? (
            <ReferenceInput source="redispatch.leadUnitId" reference="units" perPage={100}>
              <AutocompleteInput label="hotline.supervision.fields.redispatchLead" optionText="name" validate={requiredWhenApproving} fullWidth />
            </ReferenceInput>
          ) : formData.approve === 'no' ? (
            <BooleanInput source="wrongReturn" label="hotline.supervision.fields.wrongReturn" />
          ) : null
        }
      </FormDataConsumer>
      <ReasonInput />
    </CommandDialog>
  );
};

const DecideReReview = ({ record }: { record: CaseRecord }) => (
  <CommandDialog
    caseId={record.id}
    command="decideReReview"
    label="hotline.supervision.command.decideReReview"
    icon={<GavelIcon />}
    toBody={(values: FieldValues) => ({ reopen: values.reopen === 'yes', reason: values.reason })}
  >
    <DecisionInput source="reopen" yes="hotline.supervision.choice.reopen" no="hotline.supervision.choice.keepClosed" />
    <ReasonInput />
  </CommandDialog>
);

const DecideExtension = ({ record }: { record: CaseRecord }) => {
  const translate = useTranslate();
  const { data } = useReplay(record.id);
  const pending = data?.state?.pendingExtension ?? null;
  if (pending === null || !pending.beyondCap) return null;
  return (
    <CommandDialog
      caseId={record.id}
      command="decideExtension"
      label="hotline.supervision.command.decideExtension"
      icon={<GavelIcon />}
      toBody={(values: FieldValues) => ({ approve: values.approve === 'yes', reason: values.reason })}
    >
      <Alert severity="info" sx={{ mb: 1 }}>
        {translate('hotline.supervision.pendingExtension', { unit: pending.unitId, days: pending.workingDays, reason: pending.reason })}
      </Alert>
      <DecisionInput source="approve" yes="hotline.supervision.choice.approve" no="hotline.supervision.choice.refuse" />
      <ReasonInput />
    </CommandDialog>
  );
};

export const supervisorActions: CaseAction[] = [
  { key: 'supervise', command: 'supervise', roles: SUPERVISOR, render: (record) => <Supervise record={record} /> },
  // Dispatchers and supervisors both evaluate a unit's reply to a supervision notice.
  { key: 'evaluateSupervisionAnswer', command: 'evaluateSupervisionAnswer', roles: ['dispatcher', 'supervisor'], render: (record) => <EvaluateSupervisionAnswerAction record={record} /> },
  { key: 'overrideDeadline', command: 'overrideDeadline', roles: SUPERVISOR, render: (record) => <OverrideDeadline record={record} /> },
  { key: 'arbitrateReturn', command: 'decideReturn', roles: SUPERVISOR, render: (record) => <ArbitrateReturn record={record} /> },
  { key: 'decideReReview', command: 'decideReReview', roles: SUPERVISOR, render: (record) => <DecideReReview record={record} /> },
  { key: 'decideExtension', command: 'decideExtension', roles: SUPERVISOR, render: (record) => <DecideExtension record={record} /> },
  { key: 'attachLeaderInstruction', command: 'attachLeaderInstruction', roles: SUPERVISOR, render: (record) => <LeaderInstructionAction record={record} /> },
];
