import { defineMessages } from '../i18n/defineMessages';

export const homeMessages = defineMessages(
  {
    hotline: {
      home: {
        emptyQueue: '暂无工单',
        queues: {
          toDispatch: '待派单',
          returnsToDecide: '退回待审核',
          extensionsToDecide: '延期待审批',
          supervisionRepliesToEvaluate: '督办答复待评价',
          supervisionToAnswer: '督办待答复',
          resultsToReview: '办结待审核',
          callbacks: '待回访',
          unsatisfiedToDecide: '不满意待决定',
          mine: '我的',
          toSignFor: '待签收',
          inProgress: '办理中',
          dueSoon: '临期与超期',
          toApprove: '待领导审核',
          arbitration: '退回仲裁',
          reReview: '复核申请',
          recentCases: '最近登记',
        },
      },
    },
  },
  {
    hotline: {
      home: {
        emptyQueue: 'No cases',
        queues: {
          toDispatch: 'To dispatch',
          returnsToDecide: 'Returns to decide',
          extensionsToDecide: 'Extensions to decide',
          supervisionRepliesToEvaluate: 'Supervision replies to evaluate',
          supervisionToAnswer: 'Supervision notices to answer',
          resultsToReview: 'Results to review',
          callbacks: 'Callbacks',
          unsatisfiedToDecide: 'Unsatisfied callbacks to decide',
          mine: 'Mine',
          toSignFor: 'To sign for',
          inProgress: 'In progress',
          dueSoon: 'Due soon and overdue',
          toApprove: 'Awaiting leader approval',
          arbitration: 'Return arbitration',
          reReview: 'Re-review requests',
          recentCases: 'Recently registered',
        },
      },
    },
  },
);
