// What a unit's handlers and leaders do with a case: sign for it, ask to return it or for more
// time, pass it to a sub-unit and review that unit's result, give an assisting opinion, submit
// the result, and (leaders) approve it before it goes up, or suspend and resume its clocks. Each
// acts through the user's unit's own assignment (department/assignments.ts); which of them the
// user may take now is the API's answer (`allowedCommands`).
import { Alert, Stack } from '@mui/material';
import { DateTimeInput, RadioButtonGroupInput, TextInput, NumberInput, useTranslate, type Validator } from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { DEPARTMENT_ROLES } from '../../shell/access/roles';
import { AssignHandlerAction } from './AssignHandlerAction';
import { assignmentToSignFor, latestResultOf, openOwnAssignment, subResultsToReview } from './assignments';
import { AnswerSupervisionAction } from './AnswerSupervisionAction';
import { ResultAttachmentsInput } from './ResultAttachmentsInput';
import { SignForDue } from './SignForDue';
import { SubmittedResult } from './SubmittedResult';
import { SubResultChoice } from './SubResultChoice';
import { SubUnitInput } from './SubUnitInput';
import { optionalText, requiredText } from '../../shell/forms/fieldRules';
import { contactTime, extensionWorkingDays, requiredChoice } from './validation';
import { CommandDialog } from '../../resources/cases/actions/CommandDialog';
import { ResumeAction, SuspendAction } from '../../resources/cases/actions/SuspensionActions';
import type { CaseAction } from '../../resources/cases/actions/registry';

const ForwardReadHint = () => <Alert severity="info">{useTranslate()('hotline.department.hints.forwardRead')}</Alert>;

const label = (command: string) => `hotline.department.actions.${command}`;
const field = (name: string) => `hotline.department.fields.${name}`;

/** A trimmed text, or undefined when left empty (optional command fields). */
const optionalValue = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
/** A trimmed text, or null when left empty (nullable command fields). */
const nullableValue = (value: unknown): string | null => optionalValue(value) ?? null;

const YES_NO = [
  { id: 'yes', name: 'hotline.department.choices.yes' },
  { id: 'no', name: 'hotline.department.choices.no' },
];
const YES_NO_UNKNOWN = [...YES_NO, { id: 'unknown', name: 'hotline.department.choices.unknown' }];
const yesNo = (value: unknown): boolean | null => (value === 'yes' ? true : value === 'no' ? false : null);

const CONTACT_MEANS = ['phone', 'visit', 'sms', 'wechat', 'other'].map((id) => ({ id, name: `hotline.department.choices.means.${id}` }));

/** `reviewSubResult`: a comment is required when the result is sent back. */
const commentWhenSentBack: Validator = (value: unknown, values: FieldValues) =>
  values.decision === 'sendBack' && optionalValue(value) === undefined ? 'hotline.department.hints.sendBackComment' : undefined;

export const departmentActions: CaseAction[] = [
  // 督办回复: first, since an unanswered notice escalates.
  { key: 'answerSupervision', command: 'answerSupervision', roles: DEPARTMENT_ROLES, render: (record, identity) => <AnswerSupervisionAction record={record} identity={identity} /> },
  {
    key: 'signFor',
    command: 'signFor',
    roles: DEPARTMENT_ROLES,
    render: (record, identity) => {
      const assignment = assignmentToSignFor(record, identity);
      if (!assignment) return null;
      return (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <CommandDialog caseId={record.id} command="signFor" label={label('signFor')} color="primary" toBody={() => ({ assignmentId: assignment.id })}>
            <SignForDue record={record} assignment={assignment} />
          </CommandDialog>
          <SignForDue record={record} assignment={assignment} compact />
        </Stack>
      );
    },
  },
  {
    // 响应: the lead unit records when and how it reached the citizen (counted in 响应率).
    key: 'recordContact',
    command: 'recordContact',
    roles: DEPARTMENT_ROLES,
    render: (record) => (
      <CommandDialog
        caseId={record.id}
        command="recordContact"
        label={label('recordContact')}
        defaultValues={{ means: 'phone', contactedAt: new Date() }}
        toBody={(values) => ({ means: values.means, contactedAt: new Date(values.contactedAt).toISOString(), note: nullableValue(values.note) })}
      >
        <RadioButtonGroupInput source="means" label={field('means')} choices={CONTACT_MEANS} validate={requiredChoice} row />
        <DateTimeInput source="contactedAt" label={field('contactedAt')} validate={contactTime} helperText="hotline.department.hints.contactedAt" fullWidth />
        <TextInput source="note" label={field('note')} validate={optionalText(2000)} multiline minRows={2} fullWidth />
      </CommandDialog>
    ),
  },
  {
    // 指定承办人: the unit names who handles its part (a handler themselves, a leader anyone).
    key: 'assignHandler',
    command: 'assignHandler',
    roles: DEPARTMENT_ROLES,
    render: (record, identity) => <AssignHandlerAction record={record} identity={identity} />,
  },
  {
    key: 'submitAssistOpinion',
    command: 'submitAssistOpinion',
    roles: DEPARTMENT_ROLES,
    render: (record, identity) => {
      const assignment = openOwnAssignment(record, identity, 'assist');
      if (!assignment) return null;
      return (
        <CommandDialog
          caseId={record.id}
          command="submitAssistOpinion"
          label={label('submitAssistOpinion')}
          toBody={(values) => ({ assignmentId: assignment.id, opinion: optionalValue(values.opinion) })}
        >
          <TextInput source="opinion" label={field('opinion')} validate={requiredText(4000)} multiline minRows={4} fullWidth autoFocus />
        </CommandDialog>
      );
    },
  },
  {
    key: 'submitResult',
    command: 'submitResult',
    roles: DEPARTMENT_ROLES,
    render: (record, identity) => (
      <CommandDialog
        caseId={record.id}
        command="submitResult"
        label={label('submitResult')}
        color="success"
        defaultValues={{ handlerName: identity.fullName, resolved: 'unknown', attachmentIds: [] }}
        toBody={(values) => ({
          actionsTaken: optionalValue(values.actionsTaken),
          replyToCitizen: optionalValue(values.replyToCitizen),
          legalBasis: nullableValue(values.legalBasis),
          handlerName: optionalValue(values.handlerName),
          reviewerName: nullableValue(values.reviewerName),
          citizenContacted: yesNo(values.citizenContacted),
          resolved: yesNo(values.resolved),
          attachmentIds: Array.isArray(values.attachmentIds) ? values.attachmentIds : [],
        })}
      >
        <TextInput source="actionsTaken" label={field('actionsTaken')} validate={requiredText(8000)} multiline minRows={3} fullWidth autoFocus />
        <TextInput source="replyToCitizen" label={field('replyToCitizen')} validate={requiredText(4000)} multiline minRows={3} fullWidth />
        <TextInput source="legalBasis" label={field('legalBasis')} validate={optionalText(2000)} multiline fullWidth />
        <TextInput source="handlerName" label={field('handlerName')} validate={requiredText(50)} fullWidth />
        <TextInput source="reviewerName" label={field('reviewerName')} validate={optionalText(50)} fullWidth />
        <RadioButtonGroupInput source="citizenContacted" label={field('citizenContacted')} choices={YES_NO} validate={requiredChoice} row />
        <RadioButtonGroupInput source="resolved" label={field('resolved')} choices={YES_NO_UNKNOWN} row />
        <ResultAttachmentsInput caseId={record.id} />
      </CommandDialog>
    ),
  },
  {
    key: 'subDispatch',
    command: 'subDispatch',
    roles: DEPARTMENT_ROLES,
    render: (record, identity) => (
      <CommandDialog
        caseId={record.id}
        command="subDispatch"
        label={label('subDispatch')}
        toBody={(values) => ({ subUnitIds: values.subUnitIds, instructions: optionalValue(values.instructions) })}
      >
        <SubUnitInput unitId={identity.unitId ?? ''} />
        <TextInput source="instructions" label={field('instructions')} validate={optionalText(2000)} multiline minRows={3} fullWidth />
      </CommandDialog>
    ),
  },
  {
    key: 'reviewSubResult',
    command: 'reviewSubResult',
    roles: DEPARTMENT_ROLES,
    render: (record, identity) => (
      <CommandDialog
        caseId={record.id}
        command="reviewSubResult"
        label={label('reviewSubResult')}
        toBody={(values) => ({ assignmentId: values.assignmentId, accept: values.decision === 'accept', comment: optionalValue(values.comment) })}
      >
        <SubResultChoice record={record} waiting={subResultsToReview(record, identity)} />
        <RadioButtonGroupInput
          source="decision"
          label={field('decision')}
          choices={[{ id: 'accept', name: 'hotline.department.choices.accept' }, { id: 'sendBack', name: 'hotline.department.choices.sendBack' }]}
          validate={requiredChoice}
          row
        />
        <TextInput source="comment" label={field('comment')} validate={[commentWhenSentBack, ...optionalText(2000)]} multiline minRows={2} fullWidth />
      </CommandDialog>
    ),
  },
  {
    key: 'requestExtension',
    command: 'requestExtension',
    roles: DEPARTMENT_ROLES,
    render: (record) => (
      <CommandDialog
        caseId={record.id}
        command="requestExtension"
        label={label('requestExtension')}
        color="warning"
        toBody={(values) => ({ workingDays: values.workingDays, reason: optionalValue(values.reason) })}
      >
        <NumberInput source="workingDays" label={field('workingDays')} validate={extensionWorkingDays} min={1} max={60} step={1} helperText="hotline.department.hints.workingDays" fullWidth autoFocus />
        <TextInput source="reason" label={field('reason')} validate={requiredText(2000)} multiline minRows={3} fullWidth />
      </CommandDialog>
    ),
  },
  {
    key: 'requestReturn',
    command: 'requestReturn',
    roles: DEPARTMENT_ROLES,
    render: (record) => (
      <CommandDialog caseId={record.id} command="requestReturn" label={label('requestReturn')} color="error" toBody={(values) => ({ reason: optionalValue(values.reason) })}>
        <TextInput source="reason" label={field('reason')} validate={requiredText(2000)} helperText="hotline.department.hints.returnWindow" multiline minRows={3} fullWidth autoFocus />
      </CommandDialog>
    ),
  },
  // 挂起 / 恢复: the lead unit's leader, for its own case (the API offers them to no one else in a unit).
  { key: 'department-suspend', command: 'suspend', roles: DEPARTMENT_ROLES, render: (record) => <SuspendAction record={record} /> },
  { key: 'department-resume', command: 'resume', roles: DEPARTMENT_ROLES, render: (record) => <ResumeAction record={record} /> },
  {
    // 转阅: a unit the case was forwarded to for information marks it read (optional; nothing is due).
    key: 'markForwardRead',
    command: 'markForwardRead',
    roles: DEPARTMENT_ROLES,
    render: (record) => (
      <CommandDialog caseId={record.id} command="markForwardRead" label={label('markForwardRead')} toBody={() => ({})}>
        <ForwardReadHint />
      </CommandDialog>
    ),
  },
  {
    key: 'unitApprove',
    command: 'unitApprove',
    roles: DEPARTMENT_ROLES,
    render: (record, identity) => (
      <CommandDialog caseId={record.id} command="unitApprove" label={label('unitApprove')} color="success" toBody={(values) => ({ comment: optionalValue(values.comment) })}>
        <SubmittedResult caseId={record.id} result={latestResultOf(record, openOwnAssignment(record, identity, 'lead')?.id)} />
        <TextInput source="comment" label={field('comment')} validate={optionalText(2000)} multiline minRows={2} fullWidth autoFocus />
      </CommandDialog>
    ),
  },
];
