// A command the case took while its record cannot be written (202, `projectionPending`:
// docs/stuck-cases.md) is not a plain success: lists and the case page still show the old
// state until the stuck write is retried. Every caller of runCommand tells the user the same.
import { useNotify, useTranslate } from 'react-admin';
import type { CaseState } from '../../../shell/providers/dataProvider';

/** Long enough to read: the user should not take the unchanged case page for a lost command. */
const PENDING_NOTICE_MS = 15_000;

/** Returns a function that warns when the command's answer is pending and says whether it did. */
export const useProjectionPendingNotice = () => {
  const notify = useNotify();
  const translate = useTranslate();
  return (state: CaseState, commandLabel: string): boolean => {
    if (state.projectionPending !== true) return false;
    notify('hotline.case.command.takenPending', { type: 'warning', autoHideDuration: PENDING_NOTICE_MS, messageArgs: { command: translate(commandLabel) } });
    return true;
  };
};
