// 查询办理进度: a case by its number and the query password or the phone's last 4 digits.
import { callApi, errorText, fillDetails, formatTime, markFields, say, STATUS_LABELS, STEP_LABELS } from './common.js';

const HINTS = { caseId: '请填写受理号（数字）。', check: '请填写6位查询密码或手机号后四位。' };
const form = document.getElementById('lookup-form');
const status = document.getElementById('lookup-status');
const panel = document.getElementById('case');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const caseId = form.elements.namedItem('caseId').value.trim();
  const check = form.elements.namedItem('check').value.trim();
  const wrong = {};
  if (!/^\d{8,20}$/.test(caseId)) wrong.caseId = true;
  if (!/^(\d{4}|\d{6})$/.test(check)) wrong.check = true;
  panel.hidden = true;
  const first = markFields(form, wrong, HINTS);
  if (first) {
    first.focus();
    return say(status, '请检查填写的内容。');
  }
  say(status, '正在查询…');
  const result = await callApi(`/public/cases/${caseId}?check=${encodeURIComponent(check)}`);
  if (!result.ok) return say(status, result.status === 404 ? '未找到与受理号和查询密码相符的诉求，请核对后重试。' : errorText(result));
  say(status, '');
  const c = result.body;
  fillDetails(document.getElementById('case-details'), [
    ['受理号', c.caseId],
    ['状态', STATUS_LABELS[c.status] ?? c.status],
    ['承办单位', c.handlingUnit],
    ['受理时间', formatTime(c.registeredAt)],
    ['办理时限', formatTime(c.dueAt)],
    ['办结时间', formatTime(c.closedAt)],
    ['答复内容', c.reply],
  ]);
  document.getElementById('timeline').replaceChildren(
    ...c.timeline.map((step) => {
      const item = document.createElement('li');
      const time = document.createElement('time');
      time.dateTime = step.at;
      time.textContent = formatTime(step.at);
      item.append(time, STEP_LABELS[step.step] ?? step.label);
      return item;
    }),
  );
  panel.hidden = false;
  panel.focus();
});
