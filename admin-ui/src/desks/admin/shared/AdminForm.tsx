// A SimpleForm whose save goes through useApiSubmit: client validation first, then the API's
// field errors on the inputs and its refusal above them; the values stay as typed.
import type { ReactNode } from 'react';
import { DeleteButton, SaveButton, SimpleForm, Toolbar, type SimpleFormProps } from 'react-admin';
import type { ApiSubmit } from '../../../shell/forms/useApiSubmit';
import { RefusalAlert } from '../../../shell/forms/RefusalAlert';

interface AdminFormProps extends Omit<SimpleFormProps, 'onSubmit' | 'children'> {
  save: ApiSubmit;
  /** Offer DELETE (only where the API has it; its refusal, e.g. in_use, is notified). */
  deletable?: boolean;
  children: ReactNode;
}

const AdminToolbar = ({ deletable }: { deletable: boolean }) => (
  <Toolbar sx={{ justifyContent: 'space-between' }}>
    <SaveButton />
    {deletable && <DeleteButton mutationMode="pessimistic" />}
  </Toolbar>
);

export const AdminForm = ({ save, deletable = false, children, ...rest }: AdminFormProps) => (
  <SimpleForm onSubmit={save.submit} noValidate toolbar={<AdminToolbar deletable={deletable} />} {...rest}>
    <RefusalAlert refusal={save.refusal} />
    {children}
  </SimpleForm>
);
