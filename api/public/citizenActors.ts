// Who a citizen is to the workflow when acting without an account. The ids say which door was
// used and never who the citizen is: the audit trail holds no phone number or name here.
import type { Actor } from '../../rules/lifecycle/types';

/** Registered a petition through the public web form. */
export const WEB_FORM_CITIZEN: Actor = { id: 'citizen:webForm', roles: ['citizen'], unitId: null };

/** Acted through a signed link sent to the case's phone by SMS. */
export const SMS_LINK_CITIZEN: Actor = { id: 'citizen:smsLink', roles: ['citizen'], unitId: null };
