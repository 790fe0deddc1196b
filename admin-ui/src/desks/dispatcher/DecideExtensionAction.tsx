// 审批延期: the office approves or refuses a unit's request for more time (within the cap; beyond
// it only a supervisor decides).
import MoreTimeIcon from '@mui/icons-material/MoreTime';
import { RadioButtonGroupInput, required, TextInput } from 'react-admin';
import { requiredText } from '../../shell/forms/fieldRules';
import type { FieldValues } from 'react-hook-form';
import { CommandDialog } from '../../resources/cases/actions/CommandDialog';
import type { CaseRecord } from '../../resources/cases/types';
import { pendingExtension } from './pending';
import { ExtensionRequestDetails } from './RequestDetails';

const choices = [
  { id: 'approve', name: 'hotline.dispatch.choices.approveExtension' },
  { id: 'refuse', name: 'hotline.dispatch.choices.refuseExtension' },
];

const toBody = (values: FieldValues) => ({ approve: values.decision === 'approve', reason: values.reason });

export const DecideExtensionAction = ({ record }: { record: CaseRecord }) => {
  const request = pendingExtension(record);
  if (!request) return null;
  return (
    <CommandDialog caseId={record.id} command="decideExtension" label="hotline.dispatch.actions.decideExtension" icon={<MoreTimeIcon />} color="warning" toBody={toBody}>
      <ExtensionRequestDetails request={request} />
      <RadioButtonGroupInput source="decision" label="hotline.dispatch.fields.approveExtension" choices={choices} validate={required()} row />
      <TextInput source="reason" label="hotline.dispatch.fields.reason" multiline minRows={2} fullWidth validate={requiredText(2000)} />
    </CommandDialog>
  );
};
