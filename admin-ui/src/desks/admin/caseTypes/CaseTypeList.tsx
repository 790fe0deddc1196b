// The case types (咨询 / 投诉 / 举报 …) for the admin: their names, and the one thing an admin
// edits here, 默认保密 (confidentialByDefault: the type's new cases are registered confidential).
// The switch opens a dialog for the reason kept in the audit trail, then PUT /api/case-types/:id.
// Time limits are edited as deadline policies, not here.
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Switch, TextField as MuiTextField } from '@mui/material';
import { useState } from 'react';
import { Datagrid, List, TextField, useDataProvider, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import type { HotlineDataProvider } from '../../../shell/providers/dataProvider';

interface CaseTypeRow {
  id: string;
  name: string;
  nameEn: string | null;
  confidentialByDefault: boolean;
}

const ConfidentialByDefaultField = (_props: { label?: string }) => {
  const record = useRecordContext<CaseTypeRow>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  if (!record) return null;
  const next = !record.confidentialByDefault;

  const submit = async () => {
    setRefusal(null);
    try {
      const trimmed = reason.trim();
      await dataProvider.sendJson(`/api/case-types/${encodeURIComponent(record.id)}`, { confidentialByDefault: next, ...(trimmed ? { reason: trimmed } : {}) }, 'PUT');
      setOpen(false);
      setReason('');
      notify('hotline.admin.caseType.done', { type: 'success' });
      refresh();
    } catch (error) {
      setRefusal(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <>
      <Switch
        checked={record.confidentialByDefault}
        onClick={(event) => event.stopPropagation()}
        onChange={() => setOpen(true)}
        slotProps={{ input: { 'aria-label': translate('hotline.admin.caseType.fields.confidentialByDefault'), 'data-testid': `case-type-confidential-${record.id}` } as object }}
      />
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm" aria-labelledby="case-type-confidential-title" onClick={(event) => event.stopPropagation()}>
        <DialogTitle id="case-type-confidential-title">{translate(next ? 'hotline.admin.caseType.turnOn' : 'hotline.admin.caseType.turnOff', { name: record.name })}</DialogTitle>
        <DialogContent>
          {refusal !== null && <Alert severity="error" sx={{ mb: 2 }} role="alert">{refusal}</Alert>}
          <Alert severity="info" sx={{ mb: 2 }}>{translate('hotline.admin.caseType.hint')}</Alert>
          <MuiTextField
            label={translate('hotline.admin.caseType.reason')} value={reason} onChange={(event) => setReason(event.target.value)} fullWidth
            slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'case-type-reason' } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('hotline.admin.caseType.cancel')}</Button>
          <Button variant="contained" onClick={() => void submit()} data-testid="case-type-save">{translate('hotline.admin.caseType.save')}</Button>
        </DialogActions>
      </Dialog>
    </>
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
