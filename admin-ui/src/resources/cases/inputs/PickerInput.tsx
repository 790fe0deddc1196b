// A react-admin input choosing one id by typing part of its label (case type, category path).
// Enter takes the highlighted match, so that the form stays usable from the keyboard.
import { Autocomplete, TextField } from '@mui/material';
import { InputHelperText, useInput, useTranslate, type Validator } from 'react-admin';
import type { Choice } from './profileChoices';

export interface PickerInputProps {
  source: string;
  label: string;
  choices: Choice[];
  validate?: Validator | Validator[];
  /** Shown under the input while it has no error (a message key). */
  helperText?: string;
  /** The text input's `data-testid`, for the suites that type into it. */
  inputTestId?: string;
}

export const PickerInput = ({ source, label, choices, validate, helperText, inputTestId }: PickerInputProps) => {
  const translate = useTranslate();
  const { field, fieldState, isRequired } = useInput({ source, validate, defaultValue: null });
  const selected = choices.find((choice) => choice.id === field.value) ?? null;
  const error = fieldState.error?.message;
  return (
    <Autocomplete
      options={choices}
      value={selected}
      onChange={(_event, choice) => field.onChange(choice?.id ?? null)}
      onBlur={field.onBlur}
      getOptionLabel={(choice) => choice.label}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      autoHighlight
      autoSelect
      noOptionsText={translate('hotline.case.picker.noOptions')}
      renderInput={(params) => (
        <TextField
          {...params}
          inputRef={field.ref}
          name={source}
          label={translate(label)}
          required={isRequired}
          error={error !== undefined}
          helperText={<InputHelperText error={error} helperText={helperText} />}
          size="small"
          slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': inputTestId } }}
        />
      )}
      data-testid={`picker-${source}`}
    />
  );
};
