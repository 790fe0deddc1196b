// 保密 and 回避 on the case page (docs/security.md): the badges everyone sees, the
// supervisor's dialog that sets or lifts 保密 with a reason (POST /api/cases/:id/confidentiality,
// audited; a refusal — 409 when another supervisor just did it — is shown in the dialog), and
// the office's dialog that names the unit complained about (POST /api/cases/:id/complained-unit).
import { Alert, Autocomplete, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, TextField, Tooltip } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useGetList, useNotify, useRefresh, useTranslate } from 'react-admin';
import { useLocalizedName } from '../../shell/common/LocalizedName';
import { UnitLabel } from '../../shell/common/UnitLabel';
import type { HotlineDataProvider } from '../../shell/providers/dataProvider';
import type { CaseRecord } from './types';

export const ConfidentialityMarks = ({ record }: { record: CaseRecord }) => {
  const translate = useTranslate();
  return (
    <>
      {record.confidential && (
        <Tooltip title={translate('hotline.case.confidentiality.badgeHint')}>
          <Chip size="small" color="error" label={translate('hotline.case.confidentiality.badge')} data-testid="case-confidential" />
        </Tooltip>
      )}
      {record.complainedUnitId && (
        <Tooltip title={translate('hotline.case.confidentiality.recusedHint')}>
          <Chip size="small" variant="outlined" color="warning" data-testid="case-recused" label={<>{translate('hotline.case.confidentiality.recused', { unit: '' })}<UnitLabel unitId={record.complainedUnitId} /></>} />
        </Tooltip>
      )}
    </>
  );
};

export const ConfidentialityButton = ({ record }: { record: CaseRecord }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const label = record.confidential ? 'hotline.case.confidentiality.lift' : 'hotline.case.confidentiality.set';

  const submit = async () => {
    setRefusal(null);
    try {
      await dataProvider.sendJson(`/api/cases/${encodeURIComponent(record.id)}/confidentiality`, { confidential: !record.confidential, reason: reason.trim() });
      setOpen(false);
      setReason('');
      notify('hotline.case.confidentiality.done', { type: 'success' });
      refresh();
    } catch (error) {
      setRefusal(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <>
      <Button variant="outlined" color={record.confidential ? 'warning' : 'error'} onClick={() => setOpen(true)} data-testid="confidentiality-toggle">
        {translate(label)}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm" aria-labelledby="confidentiality-title">
        <DialogTitle id="confidentiality-title">{translate(label)}</DialogTitle>
        <DialogContent>
          {refusal !== null && <Alert severity="error" sx={{ mb: 2 }} role="alert">{refusal}</Alert>}
          <TextField
            label={translate('hotline.case.confidentiality.reason')} helperText={translate('hotline.case.confidentiality.reasonHint')}
            value={reason} onChange={(event) => setReason(event.target.value)} required fullWidth multiline minRows={2} sx={{ mt: 1 }}
            slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'confidentiality-reason' } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('hotline.case.confidentiality.cancel')}</Button>
          <Button variant="contained" onClick={() => void submit()} disabled={reason.trim() === ''} data-testid="confidentiality-save">{translate(label)}</Button>
        </DialogActions>
      </Dialog>
    </>
  );
};

interface UnitChoice {
  id: string;
  name: string;
  nameEn: string | null;
}

/**
 * 回避: a dispatcher or supervisor names the unit the citizen complains about (or clears it),
 * with a reason; that unit and those below it then never get the citizen's words.
 */
export const ComplainedUnitButton = ({ record }: { record: CaseRecord }) => {
  const translate = useTranslate();
  const localized = useLocalizedName();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [unitId, setUnitId] = useState<string | null>(record.complainedUnitId ?? null);
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const { data: units = [] } = useGetList<UnitChoice>('units', { filter: { active: true }, pagination: { page: 1, perPage: 500 }, sort: { field: 'level', order: 'ASC' } }, { enabled: open });
  const selected = units.find((unit) => unit.id === unitId) ?? null;
  const unchanged = unitId === (record.complainedUnitId ?? null);

  const start = () => {
    setUnitId(record.complainedUnitId ?? null);
    setReason('');
    setRefusal(null);
    setOpen(true);
  };
  const submit = async () => {
    setRefusal(null);
    try {
      await dataProvider.sendJson(`/api/cases/${encodeURIComponent(record.id)}/complained-unit`, { complainedUnitId: unitId, reason: reason.trim() });
      setOpen(false);
      notify('hotline.case.complainedUnit.done', { type: 'success' });
      refresh();
    } catch (error) {
      setRefusal(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <>
      <Button variant="outlined" color="warning" onClick={start} data-testid="complained-unit-open">
        {translate('hotline.case.complainedUnit.open')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm" aria-labelledby="complained-unit-title">
        <DialogTitle id="complained-unit-title">{translate('hotline.case.complainedUnit.open')}</DialogTitle>
        <DialogContent>
          {refusal !== null && <Alert severity="error" sx={{ mb: 2 }} role="alert">{refusal}</Alert>}
          <Alert severity="info" sx={{ mb: 2 }}>{translate('hotline.case.confidentiality.recusedHint')}</Alert>
          <Autocomplete
            options={units}
            value={selected}
            onChange={(_event, unit) => setUnitId(unit?.id ?? null)}
            getOptionLabel={(unit) => localized(unit)}
            isOptionEqualToValue={(a, b) => a.id === b.id}
            autoHighlight
            noOptionsText={translate('hotline.case.picker.noOptions')}
            renderInput={(params) => (
              <TextField {...params} label={translate('hotline.case.complainedUnit.unit')} helperText={translate('hotline.case.complainedUnit.unitHint')} size="small"
                slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'complained-unit-input' } }} />
            )}
            sx={{ mt: 1 }}
          />
          <TextField
            label={translate('hotline.case.confidentiality.reason')} helperText={translate('hotline.case.confidentiality.reasonHint')}
            value={reason} onChange={(event) => setReason(event.target.value)} required fullWidth multiline minRows={2} sx={{ mt: 2 }}
            slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'complained-unit-reason' } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('hotline.case.confidentiality.cancel')}</Button>
          <Button variant="contained" onClick={() => void submit()} disabled={reason.trim() === '' || unchanged} data-testid="complained-unit-save">{translate('hotline.case.complainedUnit.save')}</Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
