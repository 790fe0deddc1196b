// The Chinese words the papers print for the vocabulary's codes (the console has its own, in
// both languages, in admin-ui/src/resources/cases/messages.ts). Typed over the vocabulary, so a
// new channel or urgency does not compile until it has its word here.
import type { Channel, Urgency } from '../../rules/vocabulary';
import { formatShanghaiMinute } from '../../rules/shanghaiTime';

export const CHANNEL_LABELS: Record<Channel, string> = {
  phone: '电话', sms: '短信', web: '网站', email: '邮件', letter: '来信', wechat: '微信', open311: '开放接口', walkIn: '来访',
};

export const URGENCY_LABELS: Record<Urgency, string> = { normal: '一般', urgent: '紧急', emergency: '特急' };

/** An instant as the papers print it (Shanghai time, to the minute), or null. */
export function paperTime(at: Date | null | undefined): string | null {
  return at ? formatShanghaiMinute(at.getTime()) : null;
}
