// Files the call a case was registered from under that case (POST /api/telephony/calls/:id/case):
// the call then shows on the case, and the call-centre figures end the operator's after-call
// work there. A case answered 202 (registered, not listed yet) is not found for a moment: tried
// again a few times. A refusal is shown; the case stays registered either way.
import { useDataProvider, useNotify } from 'react-admin';
import { apiRefusalOf } from '../../../shell/providers/apiRefusal';
import type { HotlineDataProvider } from '../../../shell/providers/dataProvider';

const ATTEMPTS = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const useFileCall = () => {
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const notify = useNotify();
  return async (callId: string, caseId: string): Promise<void> => {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
      try {
        await dataProvider.sendJson(`/api/telephony/calls/${encodeURIComponent(callId)}/case`, { caseId });
        return;
      } catch (error) {
        const refusal = apiRefusalOf(error);
        if (refusal.status === 404 && refusal.message.includes(caseId) && attempt < ATTEMPTS) {
          await sleep(1000 * attempt);
          continue;
        }
        notify('hotline.operator.intake.callNotFiled', { type: 'warning', messageArgs: { message: refusal.message } });
        return;
      }
    }
  };
};
