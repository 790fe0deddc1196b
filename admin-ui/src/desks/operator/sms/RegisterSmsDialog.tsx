// Registers an SMS as a case: the SMS gives the channel, the phone and (unless rewritten) the
// content; the operator adds type, category, title. Then the number and password to send back.
// A text marked 【保密】 asks for 实名保密: the case is registered confidential (the server decides
// by the SMS itself), and the mark is left out of the content.
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack } from '@mui/material';
import { useState } from 'react';
import { Form, SelectInput, TextInput, useDataProvider, useRefresh, useTranslate } from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { URGENCIES } from '../../../resources/cases/vocabulary';
import { confidentialMarkOf } from '../../../../../rules/confidentialMark';
import type { HotlineDataProvider } from '../../../shell/providers/dataProvider';
import { RefusalAlert } from '../../../shell/forms/RefusalAlert';
import { useApiSubmit } from '../../../shell/forms/useApiSubmit';
import { PickerInput } from '../../../resources/cases/inputs/PickerInput';
import { intakeValidators as v } from '../intake/registration';
import { useCaseTypeChoices, useCategoryChoices } from '../../../resources/cases/inputs/profileChoices';
import { RegisteredSummary } from '../registered/RegisteredSummary';
import type { RegisteredCase, SmsDraft } from '../types';

const label = (field: string) => `hotline.operator.intake.fields.${field}`;
const textOrNull = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

export const RegisterSmsDialog = ({ draft, onClose }: { draft: SmsDraft; onClose: () => void }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const refresh = useRefresh();
  const caseTypes = useCaseTypeChoices();
  const categories = useCategoryChoices();
  const urgencies = URGENCIES.map((id) => ({ id, name: translate(`hotline.case.urgency.${id}`) }));
  const [registered, setRegistered] = useState<RegisteredCase | null>(null);
  const save = useApiSubmit(
    (values: FieldValues) => {
      const body = { caseTypeCode: values.caseTypeCode, categoryId: textOrNull(values.categoryId), urgency: values.urgency, title: textOrNull(values.title) ?? '', content: textOrNull(values.content) ?? undefined, citizenName: textOrNull(values.citizenName), address: textOrNull(values.address) };
      return dataProvider.sendJson<RegisteredCase>(`/api/telephony/sms-drafts/${encodeURIComponent(draft.id)}/register`, body);
    },
    (answer) => {
      setRegistered(answer);
      refresh();
    },
  );

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby="register-sms-title">
      <DialogTitle id="register-sms-title">{translate('hotline.operator.sms.registerTitle')}：{draft.fromNumber}</DialogTitle>
      {registered !== null ? (
        <>
          <DialogContent><RegisteredSummary registered={registered} /></DialogContent>
          <DialogActions><Button onClick={onClose}>{translate('hotline.operator.sms.confirm')}</Button></DialogActions>
        </>
      ) : (
        <Form defaultValues={{ urgency: 'normal', content: confidentialMarkOf(draft.body).text }} onSubmit={save.submit} noValidate id="register-sms-form">
          <DialogContent>
            {draft.confidentialRequested && <Alert severity="warning" sx={{ mb: 2 }} data-testid="register-sms-confidential">{translate('hotline.operator.sms.confidentialRequested')}</Alert>}
            <RefusalAlert refusal={save.refusal} />
            <Stack>
              <Stack direction="row" spacing={2}>
                <PickerInput source="caseTypeCode" label={label('caseTypeCode')} choices={caseTypes} validate={v.caseTypeCode} />
                <div style={{ flex: 1 }}><PickerInput source="categoryId" label={label('categoryId')} choices={categories} /></div>
                <SelectInput source="urgency" label={label('urgency')} choices={urgencies} />
              </Stack>
              <TextInput source="citizenName" label={label('citizenName')} validate={v.citizenName} />
              <TextInput source="address" label={label('address')} validate={v.address} />
              <TextInput source="title" label={label('title')} validate={v.title} autoFocus />
              <TextInput source="content" label={label('content')} validate={v.content} multiline minRows={3} />
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{translate('hotline.operator.sms.cancel')}</Button>
            <Button type="submit" variant="contained" data-testid="register-sms-submit">{translate('hotline.operator.sms.register')}</Button>
          </DialogActions>
        </Form>
      )}
    </Dialog>
  );
};
