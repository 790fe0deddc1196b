// One case command as a button and a dialog form. The form validates before sending; the API's
// field errors (400) appear on their inputs and its refusal above the form: what kind of refusal
// in the user's language (by its code: 403 not yours, 409 not now, 503 try later) over the
// workflow's own reason; a command taken while the case's record is stuck (202) is said to be pending.
// Nothing typed is lost on an error: the dialog stays open with the values, and sending them
// again is the same action (one Idempotency-Key), so a lost answer never applies it twice.
import { Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { type ReactElement, type ReactNode, useState } from 'react';
import { Form, SaveButton, useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import type { CaseState, HotlineDataProvider } from '../../../shell/providers/dataProvider';
import { apiRefusalOf, refusalText, type RefusalText } from '../../../shell/providers/apiRefusal';
import { RefusalAlert } from '../../../shell/forms/RefusalAlert';
import { useActionKeys } from '../../../shell/providers/actionKeys';
import { useProjectionPendingNotice } from './useProjectionPendingNotice';

export interface CommandDialogProps {
  caseId: string;
  /** The API's command name (POST /api/cases/:id/commands/:command). */
  command: string;
  /** Translation key of the button and the dialog's title. */
  label: string;
  icon?: ReactElement;
  color?: 'primary' | 'secondary' | 'error' | 'warning' | 'success' | 'inherit';
  defaultValues?: FieldValues;
  /** The command's body from the form's values (default: the values as they are). */
  toBody?: (values: FieldValues) => unknown;
  onDone?: (state: CaseState) => void;
  /** The form's inputs (react-admin inputs with their `validate`). */
  children?: ReactNode;
}

const EMPTY_RECORD = {};

export const CommandDialog = ({ caseId, command, label, icon, color = 'primary', defaultValues, toBody, onDone, children }: CommandDialogProps) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const noticePending = useProjectionPendingNotice();
  const [open, setOpen] = useState(false);
  const [refusal, setRefusal] = useState<RefusalText | null>(null);
  const keys = useActionKeys();

  const submit = async (values: FieldValues) => {
    setRefusal(null);
    try {
      const body = toBody ? toBody(values) : values;
      const state = await dataProvider.runCommand(caseId, command, body, { idempotencyKey: keys.keyFor(body) });
      keys.done();
      setOpen(false);
      if (!noticePending(state, label)) notify('hotline.case.command.done', { type: 'success', messageArgs: { command: translate(label) } });
      refresh();
      onDone?.(state);
      return undefined;
    } catch (error) {
      const refused = apiRefusalOf(error);
      setRefusal(refusalText(translate, refused));
      return Object.keys(refused.fields).length > 0 ? refused.fields : undefined;
    }
  };

  const name = `command-${command}`;
  return (
    <>
      <Button variant="outlined" color={color} startIcon={icon} onClick={() => setOpen(true)} data-testid={name}>
        {translate(label)}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm" aria-labelledby={`${name}-title`} keepMounted={false}>
        {/* An empty record: the form starts from defaultValues, not from the case's own fields. */}
        <Form record={EMPTY_RECORD} defaultValues={defaultValues} onSubmit={submit} id={`${name}-form`} noValidate>
          <DialogTitle id={`${name}-title`}>{translate(label)}</DialogTitle>
          <DialogContent>
            <RefusalAlert refusal={refusal} testId="command-refusal" />
            {children}
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)}>{translate('hotline.case.command.cancel')}</Button>
            <SaveButton label="hotline.case.command.submit" icon={<></>} alwaysEnable />
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
};
