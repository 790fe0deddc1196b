// The page an SMS link opens: the satisfaction survey (满意度评价) or the re-review request
// (申请复核). The signed token is in the fragment (#…), which is never sent to the server.
import { callApi, errorText, fillDetails, formatTime, markFields, say } from './common.js';

const status = document.getElementById('link-status');
const token = location.hash.slice(1);
const linkPath = `/public/links/${encodeURIComponent(token)}`;

const SURVEY_STATE = { answered: '您已评价过，感谢您的参与。', closed: '本次回访已结束。如需帮助，请拨打12345热线。' };
const RE_REVIEW_STATE = { requested: '您已申请复核，请耐心等待处理结果。', closed: '已超过复核申请期限，或当前不能申请复核。' };

function finish(form, text) {
  form.hidden = true;
  say(status, text, 'ok');
}

function showSurvey(view) {
  const form = document.getElementById('survey-form');
  if (view.state !== 'open') return say(status, SURVEY_STATE[view.state]);
  form.hidden = false;
  // Older browsers have no event.submitter: remember the button pressed.
  let pressed = null;
  for (const button of form.querySelectorAll('button[name="satisfaction"]')) button.addEventListener('click', () => (pressed = button.value));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const satisfaction = event.submitter?.value ?? pressed;
    if (!satisfaction) return;
    const resolved = form.querySelector('input[name="resolved"]:checked')?.value;
    const comment = form.elements.namedItem('comment').value.trim();
    const body = { satisfaction, ...(resolved ? { resolved: resolved === 'true' } : {}), ...(comment ? { comment } : {}) };
    for (const button of form.querySelectorAll('button')) button.disabled = true;
    say(status, '正在提交…');
    const result = await callApi(`${linkPath}/survey`, body);
    if (result.ok) return finish(form, '感谢您的评价！');
    for (const button of form.querySelectorAll('button')) button.disabled = false;
    if (result.status === 409 || result.status === 410) form.hidden = true;
    say(status, errorText(result));
  });
}

function showReReview(view) {
  const form = document.getElementById('re-review-form');
  if (view.state !== 'open') return say(status, RE_REVIEW_STATE[view.state]);
  document.getElementById('re-review-window').textContent = `如对办理结果有异议，可在${formatTime(view.reReviewUntil)}前申请复核。`;
  form.hidden = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const reason = form.elements.namedItem('reason').value.trim();
    const first = markFields(form, reason ? {} : { reason: true }, { reason: '请填写申请复核的理由。' });
    if (first) return first.focus();
    form.querySelector('button').disabled = true;
    say(status, '正在提交…');
    const result = await callApi(`${linkPath}/re-review`, { reason });
    form.querySelector('button').disabled = false;
    if (result.ok) return finish(form, '复核申请已提交，我们将尽快处理并告知您结果。');
    if (result.status === 409 || result.status === 410) form.hidden = true;
    say(status, errorText(result));
  });
}

async function open() {
  if (!token) return say(status, '链接不完整，请从短信中完整复制链接。');
  const result = await callApi(linkPath);
  if (!result.ok) return say(status, result.status === 404 ? '链接无效，请从短信中完整复制链接。' : errorText(result));
  const view = result.body;
  say(status, '');
  fillDetails(document.getElementById('case-details'), [
    ['受理号', view.caseId],
    ['承办单位', view.handlingUnit],
    ['答复内容', view.reply],
  ]);
  document.getElementById('case').hidden = false;
  if (view.purpose === 'survey') showSurvey(view);
  else showReReview(view);
}

open();
