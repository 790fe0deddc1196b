// Messages of the call-centre tab, under hotline.statistics (tabs.callCentre and callCentre).
import { defineMessages } from '../../../shell/i18n/defineMessages';

export const callCentreMessages = defineMessages(
  {
    hotline: {
      statistics: {
        tabs: { callCentre: '话务统计' },
        callCentre: {
          title: '话务统计（%{from} 至 %{to}）',
          kpi: {
            offered: '转人工',
            answered: '接通',
            answerRate: '接通率',
            abandoned: '放弃',
            avgWaitSec: '平均等待',
            avgTalkSec: '平均通话',
          },
          seconds: '%{value} 秒',
          note: '来电 %{received} 个，排队中转留言 %{toVoicemail} 个。转人工＝进入话务员队列的来电；接通率＝接通÷转人工；放弃＝排队中挂机。',
          byHour: '按时段',
          byDay: '按日',
          hour: '%{hour}时',
          series: { offered: '转人工', answered: '接通', abandoned: '放弃' },
          calls: '来电数',
          operators: '话务员',
          operator: '话务员',
          callsTaken: '接听量',
          casesRegistered: '登记工单',
          callsWithCase: '来电建单',
          avgTalkSec: '平均通话（秒）',
          avgHandlingSec: '平均处理（秒）',
        },
      },
    },
  },
  {
    hotline: {
      statistics: {
        tabs: { callCentre: 'Call centre' },
        callCentre: {
          title: 'Call centre (%{from} to %{to})',
          kpi: {
            offered: 'Offered',
            answered: 'Answered',
            answerRate: 'Answer rate',
            abandoned: 'Abandoned',
            avgWaitSec: 'Average wait',
            avgTalkSec: 'Average talk',
          },
          seconds: '%{value} s',
          note: '%{received} calls received, %{toVoicemail} left the queue for voicemail. Offered = calls that joined the operators’ queue; answer rate = answered ÷ offered; abandoned = hung up while waiting.',
          byHour: 'By hour of day',
          byDay: 'By day',
          hour: '%{hour}:00',
          series: { offered: 'Offered', answered: 'Answered', abandoned: 'Abandoned' },
          calls: 'Calls',
          operators: 'Operators',
          operator: 'Operator',
          callsTaken: 'Calls taken',
          casesRegistered: 'Cases registered',
          callsWithCase: 'Calls filed under a case',
          avgTalkSec: 'Average talk (s)',
          avgHandlingSec: 'Average handling (s)',
        },
      },
    },
  },
);
