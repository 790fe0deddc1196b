// The dispatcher's other answers to a registered case: reject it (不予受理) or answer it directly.
import BlockIcon from '@mui/icons-material/Block';
import QuestionAnswerIcon from '@mui/icons-material/QuestionAnswer';
import { required, SelectInput, TextInput } from 'react-admin';
import { requiredText } from '../../shell/forms/fieldRules';
import type { FieldValues } from 'react-hook-form';
import { CommandDialog } from '../../resources/cases/actions/CommandDialog';
import type { CaseRecord } from '../../resources/cases/types';

const REASON_CODES = ['emergency', 'litigation', 'petitionFinal', 'outOfScope', 'invalidContent'] as const;
const reasonCodeChoices = REASON_CODES.map((code) => ({ id: code, name: `hotline.dispatch.reasonCodes.${code}` }));

export const RejectAction = ({ record }: { record: CaseRecord }) => (
  <CommandDialog caseId={record.id} command="reject" label="hotline.dispatch.actions.reject" icon={<BlockIcon />} color="error">
    <SelectInput source="reasonCode" label="hotline.dispatch.fields.reasonCode" choices={reasonCodeChoices} validate={required()} fullWidth autoFocus />
    <TextInput source="reason" label="hotline.dispatch.fields.reason" multiline minRows={3} fullWidth validate={requiredText(2000)} />
  </CommandDialog>
);

const answerBody = (values: FieldValues) => ({ answer: values.answer, articleId: null });

export const AnswerDirectlyAction = ({ record }: { record: CaseRecord }) => (
  <CommandDialog caseId={record.id} command="answerDirectly" label="hotline.dispatch.actions.answerDirectly" icon={<QuestionAnswerIcon />} toBody={answerBody}>
    <TextInput source="answer" label="hotline.dispatch.fields.answer" multiline minRows={4} fullWidth autoFocus validate={requiredText(4000)} />
  </CommandDialog>
);
