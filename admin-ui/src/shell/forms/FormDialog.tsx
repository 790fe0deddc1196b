// A dialog holding one form that goes through the API: its title, the refusal above the
// inputs, cancel and submit. The form keeps its values when the API refuses.
import { Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { type ReactNode, useId } from 'react';
import { Form, SaveButton, useTranslate } from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { RefusalAlert } from './RefusalAlert';
import type { ApiSubmit } from './useApiSubmit';

interface FormDialogProps {
  open: boolean;
  onClose: () => void;
  /** The title, already translated. */
  title: ReactNode;
  save: ApiSubmit;
  defaultValues?: FieldValues;
  submitLabel?: string;
  maxWidth?: 'xs' | 'sm';
  /** The submit button's `data-testid`, for the suites that drive the dialog. */
  submitTestId?: string;
  children: ReactNode;
}

export const FormDialog = ({ open, onClose, title, save, defaultValues, submitLabel = 'ra.action.confirm', maxWidth = 'sm', submitTestId, children }: FormDialogProps) => {
  const translate = useTranslate();
  // The title names the dialog for screen readers (and for tests that find it by role and name).
  const titleId = useId();
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth={maxWidth} aria-labelledby={titleId}>
      <Form onSubmit={save.submit} defaultValues={defaultValues} noValidate>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          <RefusalAlert refusal={save.refusal} />
          {children}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
          <SaveButton label={submitLabel} icon={<></>} alwaysEnable data-testid={submitTestId} />
        </DialogActions>
      </Form>
    </Dialog>
  );
};
