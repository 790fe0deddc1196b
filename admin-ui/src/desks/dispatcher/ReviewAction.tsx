// 审核办结: the office accepts the unit's result (the case goes to callback) or sends it back
// for re-handling with a comment.
import FactCheckIcon from '@mui/icons-material/FactCheck';
import { maxLength, RadioButtonGroupInput, required, TextInput } from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { CommandDialog } from '../../resources/cases/actions/CommandDialog';
import type { CaseRecord } from '../../resources/cases/types';
import { latestResult } from './pending';
import { ResultDetails } from './RequestDetails';
import { requiredWhen } from './validators';

const choices = [
  { id: 'accept', name: 'hotline.dispatch.choices.accept' },
  { id: 'sendBack', name: 'hotline.dispatch.choices.sendBack' },
];

const sendingBack = (values: FieldValues) => values.decision === 'sendBack';

const toBody = (values: FieldValues) => ({
  accept: !sendingBack(values),
  comment: typeof values.comment === 'string' && values.comment.trim() !== '' ? values.comment : undefined,
});

export const ReviewAction = ({ record }: { record: CaseRecord }) => {
  const result = latestResult(record);
  if (!result) return null;
  return (
    <CommandDialog caseId={record.id} command="review" label="hotline.dispatch.actions.review" icon={<FactCheckIcon />} toBody={toBody}>
      <ResultDetails result={result} />
      <RadioButtonGroupInput source="decision" label="hotline.dispatch.fields.reviewDecision" choices={choices} validate={required()} row />
      <TextInput
        source="comment"
        label="hotline.dispatch.fields.comment"
        multiline
        minRows={2}
        fullWidth
        validate={[requiredWhen(sendingBack, 'hotline.dispatch.validation.commentRequired'), maxLength(2000)]}
      />
    </CommandDialog>
  );
};
