// 保密 and 回避 on the case page (docs/security.md): the badges everyone sees, the
// supervisor's dialog that sets or lifts 保密 with a reason (POST /api/cases/:id/confidentiality,
// audited; a refusal — 409 when another supervisor just did it — is shown in the dialog), and
// the office's dialog that names the unit complained about (POST /api/cases/:id/complained-unit).
// Both are form dialogs: the reason is checked before sending, and the API's refusals show in
// the user's language, on their inputs or above the form.
import { Alert, Button, Chip, Tooltip } from '@mui/material';
import { useMemo, useState } from 'react';
import { TextInput, useDataProvider, useGetList, useNotify, useRefresh, useTranslate, type Validator } from 'react-admin';
import { requiredText } from '../../shell/forms/fieldRules';
import { useLocalizedName } from '../../shell/common/LocalizedName';
import { UnitLabel } from '../../shell/common/UnitLabel';
import { FormDialog } from '../../shell/forms/FormDialog';
import { useApiSubmit } from '../../shell/forms/useApiSubmit';
import type { HotlineDataProvider } from '../../shell/providers/dataProvider';
import { PickerInput } from './inputs/PickerInput';
import type { CaseRecord } from './types';

/** The API's rule for both reasons (confidentialityBody, complainedUnitBody: requiredLine(500)). */
const reasonRule = requiredText(500);

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
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="outlined" color={record.confidential ? 'warning' : 'error'} onClick={() => setOpen(true)} data-testid="confidentiality-toggle">
        {translate(record.confidential ? 'hotline.case.confidentiality.lift' : 'hotline.case.confidentiality.set')}
      </Button>
      {open && <ConfidentialityDialog record={record} onClose={() => setOpen(false)} />}
    </>
  );
};

/**
 * Mounted while open, so that each opening starts with an empty reason and no refusal. The change
 * asked for is the one the user saw when opening it: a refresh meanwhile (another supervisor's
 * change) must not turn "lift" into "set" under the user's hands; the API refuses it instead.
 */
const ConfidentialityDialog = ({ record, onClose }: { record: CaseRecord; onClose: () => void }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [confidential] = useState(!record.confidential);
  const label = confidential ? 'hotline.case.confidentiality.set' : 'hotline.case.confidentiality.lift';
  const save = useApiSubmit(
    (values) => dataProvider.sendJson(`/api/cases/${encodeURIComponent(record.id)}/confidentiality`, { confidential, reason: values.reason }),
    () => {
      onClose();
      notify('hotline.case.confidentiality.done', { type: 'success' });
      refresh();
    },
  );
  return (
    <FormDialog open onClose={onClose} title={translate(label)} save={save} submitLabel={label} submitTestId="confidentiality-save" defaultValues={{ reason: '' }}>
      <TextInput
        source="reason" label="hotline.case.confidentiality.reason" helperText="hotline.case.confidentiality.reasonHint" validate={reasonRule}
        multiline minRows={2} fullWidth autoFocus slotProps={{ htmlInput: { 'data-testid': 'confidentiality-reason' } }}
      />
    </FormDialog>
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
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="outlined" color="warning" onClick={() => setOpen(true)} data-testid="complained-unit-open">
        {translate('hotline.case.complainedUnit.open')}
      </Button>
      {open && <ComplainedUnitDialog record={record} onClose={() => setOpen(false)} />}
    </>
  );
};

/** Mounted while open: each opening starts from the case's unit, an empty reason and no refusal. */
const ComplainedUnitDialog = ({ record, onClose }: { record: CaseRecord; onClose: () => void }) => {
  const translate = useTranslate();
  const localized = useLocalizedName();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [current] = useState(record.complainedUnitId ?? null);
  const { data: units } = useGetList<UnitChoice>('units', { filter: { active: true }, pagination: { page: 1, perPage: 500 }, sort: { field: 'level', order: 'ASC' } });
  const choices = useMemo(() => (units ?? []).map((unit) => ({ id: unit.id, label: localized(unit) })), [units, localized]);
  // The API refuses a change to the unit the case names already (409): said before sending.
  const changed: Validator = (value: unknown) => ((value || null) === current ? 'hotline.apiField.unchanged' : undefined);
  const save = useApiSubmit(
    (values) => dataProvider.sendJson(`/api/cases/${encodeURIComponent(record.id)}/complained-unit`, { complainedUnitId: values.complainedUnitId || null, reason: values.reason }),
    () => {
      onClose();
      notify('hotline.case.complainedUnit.done', { type: 'success' });
      refresh();
    },
  );
  return (
    <FormDialog
      open onClose={onClose} title={translate('hotline.case.complainedUnit.open')} save={save} submitLabel="hotline.case.complainedUnit.save"
      submitTestId="complained-unit-save" defaultValues={{ complainedUnitId: current, reason: '' }}
    >
      <Alert severity="info" sx={{ mb: 2 }}>{translate('hotline.case.confidentiality.recusedHint')}</Alert>
      <PickerInput
        source="complainedUnitId" label="hotline.case.complainedUnit.unit" choices={choices} validate={changed}
        helperText="hotline.case.complainedUnit.unitHint" inputTestId="complained-unit-input"
      />
      <TextInput
        source="reason" label="hotline.case.confidentiality.reason" helperText="hotline.case.confidentiality.reasonHint" validate={reasonRule}
        multiline minRows={2} fullWidth slotProps={{ htmlInput: { 'data-testid': 'complained-unit-reason' } }}
      />
    </FormDialog>
  );
};
