// 回访 and 办结: the office records the citizen's answer to the callback (reached or not, how
// satisfied, whether solved), or closes the case with an explanation.
import DoneAllIcon from '@mui/icons-material/DoneAll';
import PhoneCallbackIcon from '@mui/icons-material/PhoneCallback';
import { maxLength, RadioButtonGroupInput, required, SelectInput, TextInput } from 'react-admin';
import { requiredText } from '../../shell/forms/fieldRules';
import { useWatch, type FieldValues } from 'react-hook-form';
import { CommandDialog } from '../../resources/cases/actions/CommandDialog';
import type { CaseRecord } from '../../resources/cases/types';
import { requiredWhen } from './validators';
import { SATISFACTIONS } from '../../../../rules/vocabulary';

const choice = (id: string, name: string) => ({ id, name: `hotline.dispatch.choices.${name}` });
const outcomeChoices = [choice('reached', 'reached'), choice('unreachable', 'unreachable')];
const satisfactionChoices = SATISFACTIONS.map((id) => ({ id, name: `hotline.case.satisfaction.${id}` }));
const resolvedChoices = [choice('yes', 'resolvedYes'), choice('no', 'resolvedNo')];
const methodChoices = [choice('operator', 'operator'), choice('phoneCall', 'phoneCall'), choice('sms', 'sms')];

const reached = (values: FieldValues) => values.outcome === 'reached';

const toBody = (values: FieldValues) => ({
  outcome: values.outcome,
  satisfaction: reached(values) ? values.satisfaction : null,
  resolved: reached(values) && values.resolved ? values.resolved === 'yes' : null,
  method: values.method,
  comment: typeof values.comment === 'string' && values.comment.trim() !== '' ? values.comment : null,
});

/** Satisfaction and resolution are asked only of a citizen who was reached. */
const ReachedAnswers = () => {
  const outcome: unknown = useWatch({ name: 'outcome' });
  if (outcome !== 'reached') return null;
  return (
    <>
      <RadioButtonGroupInput source="satisfaction" label="hotline.dispatch.fields.satisfaction" choices={satisfactionChoices} row validate={requiredWhen(reached, 'hotline.dispatch.validation.satisfactionRequired')} />
      <RadioButtonGroupInput source="resolved" label="hotline.dispatch.fields.resolved" choices={resolvedChoices} row />
    </>
  );
};

export const RecordCallbackAction = ({ record }: { record: CaseRecord }) => (
  <CommandDialog
    caseId={record.id}
    command="recordCallback"
    label="hotline.dispatch.actions.recordCallback"
    icon={<PhoneCallbackIcon />}
    toBody={toBody}
    defaultValues={{ outcome: 'reached', method: 'operator' }}
  >
    <RadioButtonGroupInput source="outcome" label="hotline.dispatch.fields.outcome" choices={outcomeChoices} row validate={required()} />
    <ReachedAnswers />
    <SelectInput source="method" label="hotline.dispatch.fields.method" choices={methodChoices} validate={required()} />
    <TextInput source="comment" label="hotline.dispatch.fields.callbackComment" multiline minRows={2} fullWidth validate={maxLength(2000)} />
  </CommandDialog>
);

export const CloseAction = ({ record }: { record: CaseRecord }) => (
  <CommandDialog caseId={record.id} command="close" label="hotline.dispatch.actions.close" icon={<DoneAllIcon />} color="success">
    <TextInput source="explanation" label="hotline.dispatch.fields.explanation" multiline minRows={3} fullWidth autoFocus validate={requiredText(4000)} />
  </CommandDialog>
);
