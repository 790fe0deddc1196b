// 不满意处理: the citizen was unsatisfied with the callback, and the office decides (seed 001:
// 请示是否重新办理): the lead unit handles again, the case closes with an explanation, or — a
// supervisor's call only — the demand is judged unreasonable (核减) and leaves the assessment.
// The rehandle cap and every refusal are the workflow's; the dialog only offers 核减 to supervisors.
import RuleIcon from '@mui/icons-material/Rule';
import { Alert } from '@mui/material';
import { RadioButtonGroupInput, required, TextInput, useTranslate } from 'react-admin';
import { requiredText } from '../../shell/forms/fieldRules';
import type { FieldValues } from 'react-hook-form';
import { CommandDialog } from '../../resources/cases/actions/CommandDialog';
import type { CaseRecord } from '../../resources/cases/types';
import { useRoles } from '../../shell/access/roles';

const DECISIONS = ['rehandle', 'close', 'unreasonable'] as const;

export const DecideUnsatisfiedAction = ({ record }: { record: CaseRecord }) => {
  const translate = useTranslate();
  const supervisor = useRoles().includes('supervisor');
  const choices = DECISIONS.filter((id) => id !== 'unreasonable' || supervisor).map((id) => ({ id, name: `hotline.dispatch.unsatisfied.decision.${id}` }));
  return (
    <CommandDialog
      caseId={record.id}
      command="decideUnsatisfied"
      label="hotline.dispatch.actions.decideUnsatisfied"
      icon={<RuleIcon />}
      color="warning"
      toBody={(values: FieldValues) => ({ decision: values.decision, reason: values.reason })}
    >
      <Alert severity="info" sx={{ mb: 2 }}>{translate('hotline.dispatch.unsatisfied.hint')}</Alert>
      <RadioButtonGroupInput source="decision" label="hotline.dispatch.fields.unsatisfiedDecision" choices={choices} validate={required()} />
      <TextInput source="reason" label="hotline.dispatch.fields.unsatisfiedReason" multiline minRows={3} fullWidth validate={requiredText(4000)} />
    </CommandDialog>
  );
};
