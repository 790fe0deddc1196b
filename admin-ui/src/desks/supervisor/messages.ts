// Messages of the supervisor's board and commands, under hotline.supervision.
import { defineMessages } from '../../shell/i18n/defineMessages';

export const supervisionMessages = defineMessages(
  {
    hotline: {
      supervision: {
        board: {
          title: '预警督办看板',
          hint: '未办结的临期（黄灯）和超期（红灯）工单，按主办单位分组',
          noLeadUnit: '尚未派单',
          empty: '当前没有临期或超期工单',
          truncated: '只显示最紧急的 %{shown} 件（共 %{total} 件）',
          red: '超期 %{count}',
          yellow: '临期 %{count}',
        },
        escalation: { 0: '未升级', 1: '已催办', 2: '督办', 3: '领导督办' },
        clock: {
          signFor: '签收', handle: '办理', assistOpinion: '协办意见', subHandle: '下级办理',
          extensionDecision: '延期审批', callback: '回访', returnWindow: '退回期', reReviewWindow: '复核期',
        },
        leaderInstruction: {
          hint: '批示附于工单，工单在列表中优先显示；主办单位及其分管领导将收到短信。办理时限不变（如需改变紧急程度请重新分类）。',
        },
        command: {
          overrideDeadline: '调整时限',
          supervise: '督办通知',
          decideReturn: '仲裁退回',
          decideReReview: '复核决定',
          decideExtension: '审批超限延期',
          attachLeaderInstruction: '领导批示',
        },
        fields: {
          clockKey: '时限',
          leaderName: '批示领导',
          leaderTitle: '职务',
          instruction: '批示内容',
          dueAt: '新的到期时间（北京时间）',
          reason: '理由',
          content: '督办内容',
          level: '督办级别',
          approve: '决定',
          redispatchLead: '改派主办单位',
          wrongReturn: '属于错退',
          reopen: '决定',
        },
        choice: {
          level1: '一级督办',
          level2: '二级督办',
          approve: '同意',
          refuse: '不同意',
          reopen: '重新办理',
          keepClosed: '维持办结',
        },
        clockChoice: '%{clock}%{unit} — 现到期 %{due}',
        pendingExtension: '%{unit} 申请延期 %{days} 个工作日（超出上限）：%{reason}',
        pendingReturn: '%{unit} 再次申请退回：%{reason}',
        validation: {
          notInFuture: '新的到期时间必须晚于现在',
          required: '必填',
        },
      },
    },
  },
  {
    hotline: {
      supervision: {
        board: {
          title: 'Warning board',
          hint: 'Open cases due soon (yellow) and overdue (red), by lead unit',
          noLeadUnit: 'Not dispatched yet',
          empty: 'No case is due soon or overdue',
          truncated: 'Showing the %{shown} most urgent of %{total}',
          red: 'Overdue %{count}',
          yellow: 'Due soon %{count}',
        },
        escalation: { 0: 'None', 1: 'Urged', 2: 'Supervisor', 3: 'Leadership' },
        clock: {
          signFor: 'Sign-for', handle: 'Handling', assistOpinion: 'Assist opinion', subHandle: 'Sub-unit handling',
          extensionDecision: 'Extension decision', callback: 'Callback', returnWindow: 'Return window', reReviewWindow: 'Re-review window',
        },
        leaderInstruction: {
          hint: 'The instruction is kept on the case, which the lists put first; the lead unit and its leaders get an SMS. The deadlines stay (reclassify to change the urgency).',
        },
        command: {
          overrideDeadline: 'Override deadline',
          supervise: 'Supervision notice',
          decideReturn: 'Arbitrate return',
          decideReReview: 'Decide re-review',
          decideExtension: 'Decide extension beyond cap',
          attachLeaderInstruction: 'Leader’s instruction',
        },
        fields: {
          clockKey: 'Time limit',
          leaderName: 'Leader',
          leaderTitle: 'Title',
          instruction: 'Instruction',
          dueAt: 'New deadline (Beijing time)',
          reason: 'Reason',
          content: 'Notice',
          level: 'Level',
          approve: 'Decision',
          redispatchLead: 'New lead unit',
          wrongReturn: 'Wrong return',
          reopen: 'Decision',
        },
        choice: {
          level1: 'Level 1',
          level2: 'Level 2',
          approve: 'Approve',
          refuse: 'Refuse',
          reopen: 'Reopen',
          keepClosed: 'Keep closed',
        },
        clockChoice: '%{clock}%{unit} — due %{due}',
        pendingExtension: '%{unit} asks for %{days} more working days (beyond the cap): %{reason}',
        pendingReturn: '%{unit} returns the case again: %{reason}',
        validation: {
          notInFuture: 'The new deadline must be in the future',
          required: 'Required',
        },
      },
    },
  },
);
