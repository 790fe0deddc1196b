// 审核退回: the office approves a unit's return and re-dispatches the case, or refuses it
// (optionally judging it a wrong return, 错退), with the unit's reason in front of it.
import AssignmentReturnIcon from '@mui/icons-material/AssignmentReturn';
import { BooleanInput, RadioButtonGroupInput, required, TextInput } from 'react-admin';
import { requiredText } from '../../shell/forms/fieldRules';
import { useWatch, type FieldValues } from 'react-hook-form';
import { CommandDialog } from '../../resources/cases/actions/CommandDialog';
import type { CaseRecord, CaseReturnRequest } from '../../resources/cases/types';
import { useSuggestedUnit } from './DispatchAction';
import { pendingReturn } from './pending';
import { ReturnRequestDetails } from './RequestDetails';
import { UnitTreePicker } from './UnitTreePicker';

const choices = [
  { id: 'approve', name: 'hotline.dispatch.choices.approveReturn' },
  { id: 'refuse', name: 'hotline.dispatch.choices.refuseReturn' },
];

const approving = (values: FieldValues) => values.decision === 'approve';

const toBody = (values: FieldValues) =>
  approving(values)
    ? { approve: true, reason: values.reason, redispatch: { leadUnitId: values.redispatch?.leadUnitId, assistUnitIds: values.redispatch?.assistUnitIds ?? [] } }
    : { approve: false, reason: values.reason, wrongReturn: values.wrongReturn === true };

/** Approving asks where the case goes instead; refusing asks whether the return was wrong. */
const DecisionFollowUp = ({ request, suggested }: { request: CaseReturnRequest; suggested: string | null }) => {
  const decision: unknown = useWatch({ name: 'decision' });
  if (decision === 'approve') {
    return (
      <UnitTreePicker
        leadSource="redispatch.leadUnitId"
        assistsSource="redispatch.assistUnitIds"
        suggestedUnitId={suggested === request.unitId ? null : suggested}
        excludedLeadUnitId={request.unitId}
        enabled={approving}
      />
    );
  }
  if (decision === 'refuse') return <BooleanInput source="wrongReturn" label="hotline.dispatch.fields.wrongReturn" />;
  return null;
};

export const DecideReturnAction = ({ record }: { record: CaseRecord }) => {
  const suggested = useSuggestedUnit(record);
  const request = pendingReturn(record);
  if (!request) return null;
  return (
    <CommandDialog caseId={record.id} command="decideReturn" label="hotline.dispatch.actions.decideReturn" icon={<AssignmentReturnIcon />} color="warning" toBody={toBody} defaultValues={{ wrongReturn: false }}>
      <ReturnRequestDetails request={request} />
      <RadioButtonGroupInput source="decision" label="hotline.dispatch.fields.approveReturn" choices={choices} validate={required()} row />
      <DecisionFollowUp request={request} suggested={suggested} />
      <TextInput source="reason" label="hotline.dispatch.fields.reason" multiline minRows={2} fullWidth validate={requiredText(2000)} sx={{ mt: 2 }} />
    </CommandDialog>
  );
};
