// 督办回复: the unit answers a supervision notice sent to it — what it has done or will do —
// before the notice's reply deadline (unanswered, the notice escalates). The notices come from the
// case's read (`supervisions`, the projection's rows); the API decides whether the user may answer.
import ReplyIcon from '@mui/icons-material/Reply';
import { Alert } from '@mui/material';
import { RadioButtonGroupInput, TextInput, useTranslate } from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { formatTime } from '../../resources/audit/format';
import { CommandDialog } from '../../resources/cases/actions/CommandDialog';
import type { CaseRecord, CaseSupervisionNotice } from '../../resources/cases/types';
import type { HotlineIdentity } from '../../shell/providers/authProvider';
import { requiredText } from '../../shell/forms/fieldRules';
import { requiredChoice } from './validation';

const NoticeChoice = ({ notice }: { notice: CaseSupervisionNotice }) => {
  const translate = useTranslate();
  return <span data-notice-id={notice.id}>{translate('hotline.department.supervision.notice', { content: notice.content, due: notice.dueAt ? formatTime(notice.dueAt) : '' })}</span>;
};

export const AnswerSupervisionAction = ({ record, identity }: { record: CaseRecord; identity: HotlineIdentity }) => {
  const translate = useTranslate();
  const notices = (record.supervisions ?? []).filter((n) => n.replyStatus === 'awaitingReply' && n.unitId === identity.unitId);
  if (notices.length === 0) return null;
  // A reply the office did not accept: its comment says what is still missing.
  const rejected = notices.filter((n) => n.accepted === false);
  return (
    <CommandDialog
      caseId={record.id}
      command="answerSupervision"
      label="hotline.department.actions.answerSupervision"
      icon={<ReplyIcon />}
      color="warning"
      defaultValues={{ noticeId: notices[0]!.id }}
      toBody={(values: FieldValues) => ({ noticeId: values.noticeId, reply: typeof values.reply === 'string' ? values.reply.trim() : values.reply })}
    >
      {rejected.map((n) => (
        <Alert key={n.id} severity="warning" sx={{ mb: 1 }}>{translate('hotline.department.supervision.rejected', { comment: n.evaluationComment ?? '' })}</Alert>
      ))}
      <RadioButtonGroupInput
        source="noticeId"
        label="hotline.department.fields.noticeId"
        choices={notices.map((notice) => ({ id: notice.id, notice }))}
        optionText={(choice: { notice: CaseSupervisionNotice }) => <NoticeChoice notice={choice.notice} />}
        validate={requiredChoice}
      />
      <TextInput source="reply" label="hotline.department.fields.reply" helperText="hotline.department.hints.reply" validate={requiredText(4000)} multiline minRows={4} fullWidth autoFocus />
    </CommandDialog>
  );
};
