// Messages of the opinion poll screen, under hotline.polls.
import { defineMessages } from '../../shell/i18n/defineMessages';

export const pollMessages = defineMessages(
  {
    hotline: {
      polls: {
        title: '民意调查',
        hint: '向一批号码外呼，市民用电话按键回答问题；未接通的稍后重拨，拉黑号码和退订号码不拨打。暂停后不再拨打新电话（通话中的照常结束）。',
        none: '没有调查',
        close: '关闭',
        create: '新建调查',
        status: { draft: '草稿', running: '进行中', paused: '已暂停', finished: '已完成', cancelled: '已取消' },
        commands: { start: '开始', pause: '暂停', resume: '继续', cancel: '取消调查' },
        results: '结果',
        reason: '原因（可选）',
        fields: {
          title: '调查名称',
          numbers: '号码（每行一个）',
          prompt: '问题（播报内容，请说明按键）',
          questions: '问题',
          choices: '按键选项',
          key: '按键',
          label: '选项',
          maxAttempts: '每个号码最多拨打次数',
          callingStart: '外呼开始时间',
          callingEnd: '外呼结束时间',
          createdAt: '创建时间',
          progress: '号码（已答/拒答/未接通/跳过/总数）',
        },
        hints: { maxAttempts: '不填按规则设置', callingHours: 'HH:mm，不填按规则设置的外呼时段' },
        counts: { answered: '已回答', refused: '接通未按键', unanswered: '未接通', skipped: '跳过（拉黑/退订）', cancelled: '已取消', pending: '待拨打', calling: '通话中', total: '号码总数' },
        answeredCount: '回答人数',
      },
    },
  },
  {
    hotline: {
      polls: {
        title: 'Opinion polls',
        hint: 'Calls a list of numbers; citizens answer the questions on the keypad. Unanswered numbers are called again later; blocked and opted-out numbers are never called. Paused: no new calls (calls under way finish).',
        none: 'No polls',
        close: 'Close',
        create: 'New poll',
        status: { draft: 'Draft', running: 'Running', paused: 'Paused', finished: 'Finished', cancelled: 'Cancelled' },
        commands: { start: 'Start', pause: 'Pause', resume: 'Resume', cancel: 'Cancel poll' },
        results: 'Results',
        reason: 'Reason (optional)',
        fields: {
          title: 'Title',
          numbers: 'Numbers (one a line)',
          prompt: 'Question (as spoken; name the keys)',
          questions: 'Questions',
          choices: 'Keypad choices',
          key: 'Key',
          label: 'Choice',
          maxAttempts: 'Calls per number at most',
          callingStart: 'Calling from',
          callingEnd: 'Calling until',
          createdAt: 'Created',
          progress: 'Numbers (answered/refused/unanswered/skipped/total)',
        },
        hints: { maxAttempts: 'Empty: the rule setting', callingHours: 'HH:mm; empty: the rule setting' },
        counts: { answered: 'Answered', refused: 'Picked up, no key', unanswered: 'Not reached', skipped: 'Skipped (blocked / opted out)', cancelled: 'Cancelled', pending: 'To call', calling: 'On the phone', total: 'Numbers' },
        answeredCount: 'Answers',
      },
    },
  },
);
