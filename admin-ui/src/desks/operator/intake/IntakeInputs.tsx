// The intake form's inputs, in the order an operator fills them while talking: channel and
// phone first (the phone has the focus), then who, what, where.
import { Grid } from '@mui/material';
import { BooleanInput, SelectInput, TextInput, useTranslate } from 'react-admin';
import { CHANNELS, URGENCIES } from '../../../resources/cases/vocabulary';
import { PickerInput } from '../../../resources/cases/inputs/PickerInput';
import { intakeValidators as v } from './registration';
import { useCaseTypeChoices, useCategoryChoices } from '../../../resources/cases/inputs/profileChoices';

const label = (field: string) => `hotline.operator.intake.fields.${field}`;

export const IntakeInputs = () => {
  const translate = useTranslate();
  const caseTypes = useCaseTypeChoices();
  const categories = useCategoryChoices();
  const channels = CHANNELS.map((id) => ({ id, name: translate(`hotline.case.channel.${id}`) }));
  const urgencies = URGENCIES.map((id) => ({ id, name: translate(`hotline.case.urgency.${id}`) }));
  return (
    <Grid container columnSpacing={2}>
      <Grid size={3}>
        <SelectInput source="channel" label={label('channel')} choices={channels} validate={v.channel} fullWidth />
      </Grid>
      <Grid size={5}>
        <TextInput source="citizenPhone" label={label('citizenPhone')} validate={v.citizenPhone} autoFocus fullWidth slotProps={{ htmlInput: { inputMode: 'tel' } }} />
      </Grid>
      <Grid size={4}>
        <TextInput source="citizenName" label={label('citizenName')} validate={v.citizenName} fullWidth />
      </Grid>
      <Grid size={3}>
        <PickerInput source="caseTypeCode" label={label('caseTypeCode')} choices={caseTypes} validate={v.caseTypeCode} />
      </Grid>
      <Grid size={6}>
        <PickerInput source="categoryId" label={label('categoryId')} choices={categories} />
      </Grid>
      <Grid size={3}>
        <SelectInput source="urgency" label={label('urgency')} choices={urgencies} fullWidth />
      </Grid>
      <Grid size={12}>
        <TextInput source="address" label={label('address')} validate={v.address} fullWidth />
      </Grid>
      <Grid size={12}>
        <TextInput source="title" label={label('title')} validate={v.title} fullWidth />
      </Grid>
      <Grid size={12}>
        <TextInput source="content" label={label('content')} validate={v.content} multiline minRows={4} maxRows={10} fullWidth />
      </Grid>
      <Grid size={12}>
        <BooleanInput source="publishConsent" label={label('publishConsent')} helperText="hotline.operator.intake.publishConsentHint" />
      </Grid>
      <Grid size={12}>
        <BooleanInput source="confidential" label={label('confidential')} helperText="hotline.operator.intake.confidentialHint" />
      </Grid>
    </Grid>
  );
};
