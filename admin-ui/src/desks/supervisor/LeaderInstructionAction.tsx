// 领导批示: a supervisor records a leader's instruction on the case (seed 002: 领导批示件). The case
// moves up the lists (sorted and filtered by it) and the lead unit and its leaders get an SMS;
// the deadlines stay (a new urgency is a reclassification, with its reason).
import DrawIcon from '@mui/icons-material/Draw';
import { Alert } from '@mui/material';
import { maxLength, TextInput, useTranslate } from 'react-admin';
import { requiredText } from '../../shell/forms/fieldRules';
import type { FieldValues } from 'react-hook-form';
import { CommandDialog } from '../../resources/cases/actions/CommandDialog';
import type { CaseRecord } from '../../resources/cases/types';

const toBody = (values: FieldValues) => ({
  leaderName: values.leaderName,
  leaderTitle: typeof values.leaderTitle === 'string' && values.leaderTitle.trim() !== '' ? values.leaderTitle : null,
  instruction: values.instruction,
});

export const LeaderInstructionAction = ({ record }: { record: CaseRecord }) => {
  const translate = useTranslate();
  return (
    <CommandDialog caseId={record.id} command="attachLeaderInstruction" label="hotline.supervision.command.attachLeaderInstruction" icon={<DrawIcon />} color="warning" toBody={toBody}>
      <Alert severity="info" sx={{ mb: 2 }}>{translate('hotline.supervision.leaderInstruction.hint')}</Alert>
      <TextInput source="leaderName" label="hotline.supervision.fields.leaderName" fullWidth autoFocus validate={requiredText(50)} />
      <TextInput source="leaderTitle" label="hotline.supervision.fields.leaderTitle" fullWidth validate={maxLength(50)} />
      <TextInput source="instruction" label="hotline.supervision.fields.instruction" multiline minRows={3} fullWidth validate={requiredText(4000)} />
    </CommandDialog>
  );
};
