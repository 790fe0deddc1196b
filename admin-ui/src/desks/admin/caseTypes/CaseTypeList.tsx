// The case types (咨询 / 投诉 / 举报 …) for the admin: their names, and the one thing an admin
// edits here, 默认保密 (confidentialByDefault: the type's new cases are registered confidential).
// The switch opens a form dialog for the reason kept in the audit trail (optional, as for the
// API), then PUT /api/case-types/:id; a refusal shows in the dialog, translated.
// Time limits are edited as deadline policies, not here.
import { Alert, Switch } from '@mui/material';
import { useState } from 'react';
import { Datagrid, List, TextField, TextInput, useDataProvider, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { FormDialog } from '../../../shell/forms/FormDialog';
import { useApiSubmit } from '../../../shell/forms/useApiSubmit';
import type { HotlineDataProvider } from '../../../shell/providers/dataProvider';
import { reasonRule } from '../../../shell/forms/fieldRules';

interface CaseTypeRow {
  id: string;
  name: string;
  nameEn: string | null;
  confidentialByDefault: boolean;
}

const ConfidentialByDefaultField = (_props: { label?: string }) => {
  const record = useRecordContext<CaseTypeRow>();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  if (!record) return null;
  return (
    // The row takes neither the switch's clicks nor the dialog's (they bubble through its portal).
    <span onClick={(event) => event.stopPropagation()}>
      <Switch
        checked={record.confidentialByDefault}
        onChange={() => setOpen(true)}
        slotProps={{ input: { 'aria-label': translate('hotline.admin.caseType.fields.confidentialByDefault'), 'data-testid': `case-type-confidential-${record.id}` } as object }}
      />
      {open && <ConfidentialByDefaultDialog record={record} onClose={() => setOpen(false)} />}
    </span>
  );
};

/** Mounted while open: an empty reason and no refusal each time; it asks for the change the admin saw. */
const ConfidentialByDefaultDialog = ({ record, onClose }: { record: CaseTypeRow; onClose: () => void }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [confidentialByDefault] = useState(!record.confidentialByDefault);
  const save = useApiSubmit(
    (values) => dataProvider.sendJson(`/api/case-types/${encodeURIComponent(record.id)}`, { confidentialByDefault, ...(values.reason ? { reason: values.reason } : {}) }, 'PUT'),
    () => {
      onClose();
      notify('hotline.admin.caseType.done', { type: 'success' });
      refresh();
    },
  );
  const title = translate(confidentialByDefault ? 'hotline.admin.caseType.turnOn' : 'hotline.admin.caseType.turnOff', { name: record.name });
  return (
    <FormDialog open onClose={onClose} title={title} save={save} submitLabel="hotline.admin.caseType.save" submitTestId="case-type-save" defaultValues={{ reason: '' }}>
      <Alert severity="info" sx={{ mb: 2 }}>{translate('hotline.admin.caseType.hint')}</Alert>
      <TextInput source="reason" label="hotline.admin.caseType.reason" validate={reasonRule} fullWidth autoFocus slotProps={{ htmlInput: { 'data-testid': 'case-type-reason' } }} />
    </FormDialog>
  );
};

export const CaseTypeList = () => (
  <List pagination={false} perPage={100} exporter={false} title="hotline.admin.caseType.title">
    <Datagrid bulkActionButtons={false} rowClick={false}>
      <TextField source="id" label="hotline.admin.caseType.fields.code" sortable={false} />
      <TextField source="name" label="hotline.admin.caseType.fields.name" sortable={false} />
      <TextField source="nameEn" label="hotline.admin.caseType.fields.nameEn" sortable={false} emptyText="—" />
      <ConfidentialByDefaultField label="hotline.admin.caseType.fields.confidentialByDefault" />
    </Datagrid>
  </List>
);
