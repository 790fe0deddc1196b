// 催办: a recorded reminder to the lead unit of an open case.
import NotificationsActiveIcon from '@mui/icons-material/NotificationsActive';
import { maxLength, required, TextInput } from 'react-admin';
import { CommandDialog } from '../../resources/cases/actions/CommandDialog';
import type { CaseRecord } from '../../resources/cases/types';

export const UrgeAction = ({ record }: { record: CaseRecord }) => (
  <CommandDialog caseId={record.id} command="urge" label="hotline.dispatch.actions.urge" icon={<NotificationsActiveIcon />} color="secondary">
    <TextInput source="reason" label="hotline.dispatch.fields.urgeReason" multiline minRows={2} fullWidth autoFocus validate={[required(), maxLength(2000)]} />
  </CommandDialog>
);
