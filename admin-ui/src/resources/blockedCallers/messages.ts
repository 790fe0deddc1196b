// Messages of the caller blocklist screen, under hotline.blockedCallers.
import { defineMessages } from '../../shell/i18n/defineMessages';

export const blockedCallerMessages = defineMessages(
  {
    hotline: {
      blockedCallers: {
        title: '骚扰号码',
        hint: '话务员、派单员申请拉黑骚扰号码，督办员批准后生效，到期自动解除；拉黑期间来电播报提示后挂断，短信不回复。',
        none: '没有记录',
        cancel: '取消',
        daysHint: '不填按默认天数；不得超过规则设置的最长天数',
        status: { pending: '待审核', active: '生效中', expired: '已到期', rejected: '已驳回', lifted: '已解除' },
        actions: { propose: '申请拉黑', approve: '批准', reject: '驳回', lift: '提前解除' },
        fields: {
          number: '号码',
          reason: '拉黑原因',
          days: '天数',
          proposedAt: '申请时间',
          expiresAt: '到期/解除时间',
          decision: '审核意见/解除原因',
          reviewComment: '审核意见',
          liftReason: '解除原因',
        },
      },
    },
  },
  {
    hotline: {
      blockedCallers: {
        title: 'Blocked callers',
        hint: 'Operators and dispatchers propose blocking a harassing number; it takes effect once a supervisor approves it and ends by itself at its expiry. A blocked caller hears a notice and is hung up on; texts get no reply.',
        none: 'Nothing here',
        cancel: 'Cancel',
        daysHint: 'Empty: the default length; at most the maximum in the rule settings',
        status: { pending: 'Pending', active: 'Active', expired: 'Expired', rejected: 'Rejected', lifted: 'Lifted' },
        actions: { propose: 'Propose a block', approve: 'Approve', reject: 'Reject', lift: 'Lift early' },
        fields: {
          number: 'Number',
          reason: 'Reason',
          days: 'Days',
          proposedAt: 'Proposed',
          expiresAt: 'Expires / lifted',
          decision: 'Review comment / lift reason',
          reviewComment: 'Review comment',
          liftReason: 'Why lift it',
        },
      },
    },
  },
);
