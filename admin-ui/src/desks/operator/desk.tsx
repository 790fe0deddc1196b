// The operator's desk: the home page, the incoming-call banner, intake, missed calls and SMS drafts.
import AddIcCallIcon from '@mui/icons-material/AddIcCall';
import PhoneMissedIcon from '@mui/icons-material/PhoneMissed';
import SmsIcon from '@mui/icons-material/Sms';
import type { Feature } from '../../feature';
import { MissedCallsPage } from './calls/MissedCallsPage';
import { OperatorHome } from './home/OperatorHome';
import { IncomingCallBanner } from './live/IncomingCallBanner';
import { IntakePage } from './intake/IntakePage';
import { SmsDraftsPage } from './sms/SmsDraftsPage';

export const operatorDesk: Feature = {
  homes: { operator: OperatorHome },
  banners: [IncomingCallBanner],
  pages: [
    { path: '/intake', component: IntakePage },
    { path: '/missed-calls', component: MissedCallsPage },
    { path: '/sms-drafts', component: SmsDraftsPage },
  ],
  menu: [
    { to: '/intake', label: 'hotline.operator.menu.intake', icon: <AddIcCallIcon />, roles: ['operator', 'dispatcher'] },
    { to: '/missed-calls', label: 'hotline.operator.menu.missedCalls', icon: <PhoneMissedIcon />, roles: ['operator', 'dispatcher'] },
    { to: '/sms-drafts', label: 'hotline.operator.menu.smsDrafts', icon: <SmsIcon />, roles: ['operator', 'dispatcher'] },
  ],
};
