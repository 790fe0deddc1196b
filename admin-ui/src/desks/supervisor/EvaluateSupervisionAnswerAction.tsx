// 督办答复评价: the office (dispatcher or supervisor) evaluates a unit's reply to a supervision
// notice; a reply not accepted needs a comment and re-opens the notice with a new reply deadline.
// The replies come from the case's read (`supervisions`); the API decides whether the user may.
import FactCheckIcon from '@mui/icons-material/FactCheck';
import { maxLength, RadioButtonGroupInput, required, TextInput, useTranslate, type Validator } from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { formatTime } from '../../resources/audit/format';
import { CommandDialog } from '../../resources/cases/actions/CommandDialog';
import type { CaseRecord, CaseSupervisionNotice } from '../../resources/cases/types';

/** Why a reply is not accepted: required then. */
const commentWhenRejected: Validator = (value: unknown, values: FieldValues) =>
  values.decision === 'reject' && (typeof value !== 'string' || value.trim() === '') ? 'hotline.supervision.validation.rejectComment' : undefined;

const ReplyChoice = ({ notice }: { notice: CaseSupervisionNotice }) => {
  const translate = useTranslate();
  return (
    <span data-notice-id={notice.id}>
      {translate('hotline.supervision.reply', { content: notice.content, reply: notice.response ?? '', at: notice.respondedAt ? formatTime(notice.respondedAt) : '' })}
    </span>
  );
};

export const EvaluateSupervisionAnswerAction = ({ record }: { record: CaseRecord }) => {
  const answered = (record.supervisions ?? []).filter((n) => n.replyStatus === 'answered');
  if (answered.length === 0) return null;
  return (
    <CommandDialog
      caseId={record.id}
      command="evaluateSupervisionAnswer"
      label="hotline.supervision.command.evaluateSupervisionAnswer"
      icon={<FactCheckIcon />}
      defaultValues={{ noticeId: answered[0]!.id }}
      toBody={(values: FieldValues) => ({
        noticeId: values.noticeId,
        accepted: values.decision === 'accept',
        comment: typeof values.comment === 'string' && values.comment.trim() !== '' ? values.comment.trim() : null,
      })}
    >
      <RadioButtonGroupInput
        source="noticeId"
        label="hotline.supervision.fields.noticeId"
        choices={answered.map((notice) => ({ id: notice.id, notice }))}
        optionText={(choice: { notice: CaseSupervisionNotice }) => <ReplyChoice notice={choice.notice} />}
        validate={required()}
      />
      <RadioButtonGroupInput
        source="decision"
        label="hotline.supervision.fields.evaluation"
        choices={[{ id: 'accept', name: 'hotline.supervision.choice.acceptReply' }, { id: 'reject', name: 'hotline.supervision.choice.rejectReply' }]}
        validate={required()}
        row
      />
      <TextInput source="comment" label="hotline.supervision.fields.evaluationComment" helperText="hotline.supervision.hints.rejectReply" validate={[commentWhenRejected, maxLength(2000)]} multiline minRows={2} fullWidth />
    </CommandDialog>
  );
};
