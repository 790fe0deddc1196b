// 办理结果公开: the results citizens agreed to publish, redacted by the API (no personal data).
import { callApi, errorText, fillDetails, formatTime, say } from './common.js';

const list = document.getElementById('results');
const status = document.getElementById('list-status');
const previous = document.getElementById('previous');
const next = document.getElementById('next');
const panel = document.getElementById('result');
let page = 1;

async function showPage(wanted) {
  say(status, '正在加载…');
  const result = await callApi(`/public/published-results?page=${wanted}`);
  if (!result.ok) return say(status, errorText(result));
  page = result.body.page;
  say(status, result.body.total === 0 ? '暂无公开的办理结果。' : `共 ${result.body.total} 件`);
  list.replaceChildren(
    ...result.body.items.map((item) => {
      const entry = document.createElement('li');
      const link = document.createElement('a');
      link.href = `#${item.caseId}`;
      link.textContent = item.title;
      const meta = document.createElement('span');
      meta.className = 'optional';
      meta.textContent = ` ${item.caseType}${item.category ? ` · ${item.category}` : ''} · ${item.handlingUnit ?? ''} · 办结于 ${formatTime(item.closedAt)}`;
      entry.append(link, meta);
      return entry;
    }),
  );
  previous.hidden = page <= 1;
  next.hidden = page * result.body.pageSize >= result.body.total;
}

async function showResult(caseId) {
  const result = await callApi(`/public/published-results/${encodeURIComponent(caseId)}`);
  if (!result.ok) {
    panel.hidden = true;
    return say(status, result.status === 404 ? '该办理结果未公开或不存在。' : errorText(result));
  }
  const c = result.body;
  document.getElementById('result-title').textContent = c.title;
  fillDetails(document.getElementById('result-details'), [
    ['诉求类型', c.caseType],
    ['诉求分类', c.category],
    ['承办单位', c.handlingUnit],
    ['受理时间', formatTime(c.receivedAt)],
    ['办结时间', formatTime(c.closedAt)],
    ['诉求内容', c.content],
    ['答复内容', c.reply],
  ]);
  panel.hidden = false;
  panel.focus();
}

function route() {
  const caseId = location.hash.slice(1);
  if (/^\d{8,20}$/.test(caseId)) showResult(caseId);
  else panel.hidden = true;
}

previous.addEventListener('click', () => showPage(page - 1));
next.addEventListener('click', () => showPage(page + 1));
document.getElementById('back').addEventListener('click', () => {
  location.hash = '';
});
window.addEventListener('hashchange', route);
showPage(1);
route();
