// 提交诉求: the web petition form.
import { callApi, errorText, markFields, say, submissionKeys } from './common.js';

const HINTS = {
  type: '请选择诉求类型。',
  categoryId: '请重新选择所属领域。',
  title: '请填写标题（不超过100字）。',
  content: '请填写诉求内容（不超过5000字）。',
  address: '地址不超过200字。',
  name: '姓名不超过50字。',
  phone: '请填写正确的手机号码（11位，以1开头）。',
  longitude: '未能获取位置，请只填写地址。',
};

const form = document.getElementById('petition-form');
const status = document.getElementById('form-status');
const position = {};
const keyFor = submissionKeys();

async function loadOptions() {
  const result = await callApi('/public/form-options');
  if (!result.ok) return;
  const types = form.elements.namedItem('type');
  if (result.body.caseTypes.length > 0) types.replaceChildren(...result.body.caseTypes.map((t) => new Option(t.name, t.code)));
  const categories = form.elements.namedItem('categoryId');
  categories.append(...result.body.categories.map((c) => new Option(c.name, c.id)));
}

document.getElementById('locate').addEventListener('click', () => {
  const note = document.getElementById('locate-status');
  if (!navigator.geolocation) return (note.textContent = '此浏览器不支持定位。');
  note.textContent = '正在定位…';
  navigator.geolocation.getCurrentPosition(
    (p) => {
      position.latitude = p.coords.latitude;
      position.longitude = p.coords.longitude;
      note.textContent = '已附上当前位置。';
    },
    () => (note.textContent = '未能定位，请填写地址。'),
    { timeout: 10000 },
  );
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = { ...position };
  for (const [name, value] of new FormData(form)) if (name !== 'publishConsent' && name !== 'confidential' && String(value).trim() !== '') body[name] = String(value).trim();
  // The citizen's consent to publish the result: only a ticked box says yes.
  body.publishConsent = form.elements.namedItem('publishConsent').checked;
  // 实名保密: likewise.
  body.confidential = form.elements.namedItem('confidential').checked;
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  say(status, '正在提交…');
  const result = await callApi('/public/cases', body, { 'Idempotency-Key': keyFor(body) });
  button.disabled = false;
  if (!result.ok) {
    const error = result.body?.error ?? {};
    if (error.code === 'duplicate_petition') {
      markFields(form, {}, HINTS);
      say(status, `您已提交过相同的诉求，受理号为${error.caseId}，查询密码已通过短信发送，请勿重复提交。`);
      return;
    }
    if (result.status === 429) {
      markFields(form, {}, HINTS);
      say(status, error.fields?.phone ? '该手机号码或本网络今日提交次数已达上限，请明天再试，或拨打12345热线。' : errorText(result));
      return;
    }
    const first = markFields(form, error.fields, HINTS);
    say(status, errorText(result));
    first?.focus();
    return;
  }
  markFields(form, {}, HINTS);
  form.hidden = true;
  document.getElementById('receipt-case').textContent = result.body.caseId;
  document.getElementById('receipt-password').textContent = result.body.queryPassword;
  const receipt = document.getElementById('receipt');
  receipt.hidden = false;
  receipt.focus();
});

loadOptions();
