// Messages of the stuck-cases screen and its home banner, under hotline.stuckCases (the
// /healthz code itself is translated with the other health codes in i18n/zh.ts and en.ts).
import { defineMessages } from '../../shell/i18n/defineMessages';

export const stuckCaseMessages = defineMessages(
  {
    resources: {
      'stuck-cases': { name: '卡住的工单 |||| 卡住的工单' },
    },
    hotline: {
      stuckCases: {
        title: '卡住的工单',
        hint: '这些工单有一个写入步骤失败，正在等待重试。工单本身照常运行，时限和预警不受影响；先排除原因（如约束、迁移、程序缺陷），再点“重试”，工单会按顺序补写期间的全部变更。',
        empty: '没有卡住的工单',
        emptyResolved: '还没有恢复的记录',
        notProjected: '登记尚未写入，工单页暂不可打开',
        fields: {
          caseId: '工单 / 民意调查',
          step: '卡住的步骤',
          retryMode: '重试方式',
          errorMessage: '错误',
          attempts: '尝试次数',
          firstFailedAt: '卡住时间',
          lastFailedAt: '最近失败',
          resolvedAt: '恢复时间',
          showResolved: '显示已恢复的',
          reason: '重试原因（记入审计）',
        },
        step: {
          projection: '写入工单记录',
          rules: '加载办理规则',
          effects: '发送通知与启动协办',
          callback: '记录回访',
          poll: '记录民意调查',
        },
        subject: {
          case: '工单 %{id}',
          poll: '民意调查 %{name}',
        },
        permanent: '等待人工重试',
        willRetry: '将于 %{time} 自动重试',
        retry: '重试',
        retryTitle: '重试%{subject} 卡住的步骤',
        retryAll: '全部重试',
        retryAllTitle: '重试所有卡住的步骤',
        retryHelp: '请先排除失败原因，再重试；原因未排除时，重试会再次失败，工单继续等待，不会丢失任何变更。',
        retried: '已通知%{subject} 重试，写入成功后将从列表中移除',
        retriedAll: '已通知 %{signalled} 个工单重试（共 %{workflows} 个）',
        banner: '有工单卡住',
        open: '查看卡住的工单',
      },
    },
  },
  {
    resources: {
      'stuck-cases': { name: 'Stuck case |||| Stuck cases' },
    },
    hotline: {
      stuckCases: {
        title: 'Stuck cases',
        hint: 'A write step of these cases failed and waits for a retry. The cases keep running: their deadlines and warnings are not affected. Fix the cause first (a constraint, a migration, a bug), then retry: the case writes every change it held, in order.',
        empty: 'No stuck cases',
        emptyResolved: 'Nothing has recovered yet',
        notProjected: 'Registration not written yet: no case page',
        fields: {
          caseId: 'Case / poll',
          step: 'Stuck step',
          retryMode: 'Retry',
          errorMessage: 'Error',
          attempts: 'Attempts',
          firstFailedAt: 'Stuck since',
          lastFailedAt: 'Last failure',
          resolvedAt: 'Recovered at',
          showResolved: 'Show recovered',
          reason: 'Reason for the retry (audited)',
        },
        step: {
          projection: 'Write the case record',
          rules: 'Load the case rules',
          effects: 'Send notices, start follow-ups',
          callback: 'Record the callback',
          poll: 'Record the opinion poll',
        },
        subject: {
          case: 'case %{id}',
          poll: 'opinion poll %{name}',
        },
        permanent: 'Waits for a manual retry',
        willRetry: 'Retries by itself at %{time}',
        retry: 'Retry',
        retryTitle: 'Retry the stuck steps of %{subject}',
        retryAll: 'Retry all',
        retryAllTitle: 'Retry every stuck step',
        retryHelp: 'Fix the cause of the failure first. Retried before that, the step fails again and the case keeps waiting; no change is lost.',
        retried: 'The workflow of %{subject} was told to retry; it leaves the list once its write succeeds',
        retriedAll: '%{signalled} of %{workflows} cases were told to retry',
        banner: 'Cases are stuck',
        open: 'Open stuck cases',
      },
    },
  },
);
