// 催办: a recorded reminder to the lead unit of an open case.
import NotificationsActiveIcon from '@mui/icons-material/NotificationsActive';
import { TextInput } from 'react-admin';
import { requiredText } from '../../shell/forms/fieldRules';
import { CommandDialog } from '../../resources/cases/actions/CommandDialog';
import type { CaseRecord } from '../../resources/cases/types';

export const UrgeAction = ({ record }: { record: CaseRecord }) => (
  <CommandDialog caseId={record.id} command="urge" label="hotline.dispatch.actions.urge" icon={<NotificationsActiveIcon />} color="secondary">
    <TextInput source="reason" label="hotline.dispatch.fields.urgeReason" multiline minRows={2} fullWidth autoFocus validate={requiredText(2000)} />
  </CommandDialog>
);
