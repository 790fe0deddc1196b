// Chooses the units a case goes to: one lead unit (主办) and any assisting units (协办) from the
// unit tree, searchable, with the category's suggested unit marked. Two form fields (the lead's
// id and the assisting ids) so that the form's and the API's field errors land on each.
import { Box, Checkbox, Chip, FormHelperText, InputAdornment, Radio, Stack, TextField, Typography } from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useInput, useTranslate, ValidationError, type Validator } from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { useLocalizedName } from '../../shell/common/LocalizedName';
import { matchingRows, useDispatchableUnits, type UnitRecord } from './unitTree';

export interface UnitTreePickerProps {
  /** Form path of the lead unit's id, e.g. `leadUnitId` or `redispatch.leadUnitId`. */
  leadSource: string;
  /** Form path of the assisting units' ids. */
  assistsSource: string;
  /** The category's default unit, marked "建议". */
  suggestedUnitId?: string | null;
  /** Choose the suggested unit as the lead when the form opens (a first dispatch). */
  preselectSuggested?: boolean;
  /** A unit that may not lead (the unit returning the case). */
  excludedLeadUnitId?: string;
  /** Whether the choice is asked for now (e.g. only when a return is approved). */
  enabled?: (values: FieldValues) => boolean;
}

const valueAt = (values: FieldValues, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), values);

const idsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []);

export const UnitTreePicker = ({ leadSource, assistsSource, suggestedUnitId, preselectSuggested = false, excludedLeadUnitId, enabled = () => true }: UnitTreePickerProps) => {
  const translate = useTranslate();
  const localized = useLocalizedName();
  const { rows, byId, isPending } = useDispatchableUnits();
  const [query, setQuery] = useState('');

  const validateLead: Validator = (value, values) => (enabled(values) && (typeof value !== 'string' || value === '') ? 'hotline.dispatch.validation.leadRequired' : undefined);
  const validateAssists: Validator = (value, values) =>
    enabled(values) && idsOf(value).includes(String(valueAt(values, leadSource) ?? '')) ? 'hotline.dispatch.validation.leadAssists' : undefined;
  const lead = useInput({ source: leadSource, validate: validateLead });
  const assists = useInput({ source: assistsSource, validate: validateAssists, defaultValue: [] });

  const leadId = typeof lead.field.value === 'string' ? lead.field.value : '';
  // Set here rather than as the form's default: the form starts from the case record, whose
  // leadUnitId (null before dispatch) would override it; the suggestion may also load later.
  const preselected = useRef(false);
  useEffect(() => {
    if (!preselectSuggested || preselected.current || !suggestedUnitId || !byId.has(suggestedUnitId)) return;
    preselected.current = true;
    if (leadId === '') lead.field.onChange(suggestedUnitId);
  }, [preselectSuggested, suggestedUnitId, byId, leadId, lead.field]);
  const assistIds = idsOf(assists.field.value);
  const toggleAssist = (id: string) => assists.field.onChange(assistIds.includes(id) ? assistIds.filter((a) => a !== id) : [...assistIds, id]);
  const nameOf = (id: string) => localized(byId.get(id));
  const shown = matchingRows(rows, query);
  // Enter in the search box filters; it must not submit the dialog's form.
  const keepEnter = (event: KeyboardEvent) => {
    if (event.key === 'Enter') event.preventDefault();
  };

  return (
    <Box data-testid="unit-tree-picker">
      <Stack spacing={0.5} sx={{ mb: 1 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} data-testid="chosen-lead">
          <Typography variant="body2" color="text.secondary">{translate('hotline.dispatch.picker.chosenLead')}</Typography>
          {leadId ? <Chip size="small" color="primary" label={nameOf(leadId)} /> : <Typography variant="body2">{translate('hotline.dispatch.picker.none')}</Typography>}
        </Stack>
        {lead.fieldState.error?.message && (
          <FormHelperText error data-testid="lead-error"><ValidationError error={lead.fieldState.error.message} /></FormHelperText>
        )}
        <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }} data-testid="chosen-assists">
          <Typography variant="body2" color="text.secondary">{translate('hotline.dispatch.picker.chosenAssists')}</Typography>
          {assistIds.length === 0 && <Typography variant="body2">{translate('hotline.dispatch.picker.none')}</Typography>}
          {assistIds.map((id) => <Chip key={id} size="small" label={nameOf(id)} onDelete={() => toggleAssist(id)} color={id === leadId ? 'error' : 'default'} />)}
        </Stack>
        {assists.fieldState.error?.message && (
          <FormHelperText error data-testid="assists-error"><ValidationError error={assists.fieldState.error.message} /></FormHelperText>
        )}
      </Stack>
      <TextField
        autoFocus
        fullWidth
        size="small"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={keepEnter}
        label={translate('hotline.dispatch.picker.search')}
        slotProps={{ input: { startAdornment: <InputAdornment position="start"><SearchIcon fontSize="small" /></InputAdornment> } }}
      />
      <Box sx={{ maxHeight: 260, overflowY: 'auto', mt: 1, border: 1, borderColor: 'divider', borderRadius: 1 }} role="group" aria-label={translate('hotline.dispatch.picker.search')}>
        {isPending && <Typography variant="body2" sx={{ p: 1 }}>{translate('hotline.dispatch.picker.loading')}</Typography>}
        {!isPending && shown.length === 0 && <Typography variant="body2" sx={{ p: 1 }}>{translate('hotline.dispatch.picker.noMatch')}</Typography>}
        {shown.map((unit) => (
          <UnitRow
            key={unit.id}
            unit={unit}
            name={localized(unit)}
            suggested={unit.id === suggestedUnitId}
            isLead={unit.id === leadId}
            isAssist={assistIds.includes(unit.id)}
            mayLead={unit.id !== excludedLeadUnitId}
            onLead={() => lead.field.onChange(unit.id)}
            onAssist={() => toggleAssist(unit.id)}
          />
        ))}
      </Box>
    </Box>
  );
};

interface UnitRowProps {
  unit: UnitRecord;
  name: string;
  suggested: boolean;
  isLead: boolean;
  isAssist: boolean;
  mayLead: boolean;
  onLead: () => void;
  onAssist: () => void;
}

const UnitRow = ({ unit, name, suggested, isLead, isAssist, mayLead, onLead, onAssist }: UnitRowProps) => {
  const translate = useTranslate();
  const leadLabel = translate('hotline.dispatch.picker.lead');
  const assistLabel = translate('hotline.dispatch.picker.assist');
  return (
    <Stack direction="row" sx={{ alignItems: 'center', pl: 1 + (unit.level - 1) * 2.5, pr: 1, bgcolor: isLead ? 'action.selected' : undefined }} data-testid={`unit-row-${unit.id}`}>
      <Typography variant="body2" sx={{ flex: 1, fontWeight: unit.level === 1 ? 500 : 400 }}>{name}</Typography>
      {suggested && <Chip size="small" color="success" variant="outlined" label={translate('hotline.dispatch.picker.suggested')} sx={{ mr: 1 }} data-testid="suggested-unit" />}
      <Stack direction="row" sx={{ alignItems: 'center' }}>
        <Radio size="small" checked={isLead} disabled={!mayLead} onChange={onLead} slotProps={{ input: { 'aria-label': `${leadLabel} ${name}` } }} />
        <Typography variant="caption" sx={{ mr: 1 }}>{leadLabel}</Typography>
        <Checkbox size="small" checked={isAssist} onChange={onAssist} slotProps={{ input: { 'aria-label': `${assistLabel} ${name}` } }} />
        <Typography variant="caption">{assistLabel}</Typography>
      </Stack>
    </Stack>
  );
};
