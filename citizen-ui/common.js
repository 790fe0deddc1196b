// Shared by the citizen pages: calls to /public, Chinese labels, and form error display.

export const STATUS_LABELS = {
  registered: '已受理', answeredDirectly: '已直接答复', rejected: '不予受理', merged: '已合并办理', dispatched: '已交办',
  returnRequested: '办理中', arbitration: '办理中', signed: '办理中', subDispatched: '办理中', resultSubmitted: '办理中',
  unitApproved: '结果审核中', callback: '回访中', awaitingUnsatisfiedDecision: '研究处理中', closed: '已办结', reReview: '复核中', archived: '已归档',
};

export const STEP_LABELS = {
  registered: '诉求受理', answeredDirectly: '直接答复', dispatched: '交办承办单位', signedFor: '承办单位签收', extensionDecided: '办理时限延长',
  unitApproved: '承办单位提交办理结果', reviewed: '办理结果审核', closed: '办结', reReviewRequested: '申请复核', archived: '归档',
};

const ERROR_TEXT = {
  too_many_requests: '操作过于频繁，请稍后再试，或拨打12345热线。',
  not_found: '未找到相关信息，请核对后重试。',
  link_expired: '链接已过期。如需帮助，请拨打12345热线。',
  already_answered: '您已评价过，感谢您的参与。',
  survey_closed: '本次回访已结束。如需帮助，请拨打12345热线。',
  invalid_request: '请检查填写的内容。',
  intake_unavailable: '系统繁忙，诉求暂未提交成功，请稍后再次点击提交（不会重复登记）。',
};

/** Calls the public API; resolves to { ok, status, body }. Network failures become a message. */
export async function callApi(path, body, headers = {}) {
  const init = body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
  try {
    const response = await fetch(path, init);
    const json = await response.json().catch(() => null);
    return { ok: response.ok, status: response.status, body: json };
  } catch {
    return { ok: false, status: 0, body: { error: { code: 'network', message: '' } } };
  }
}

/** A Chinese sentence for an API error. */
export function errorText(result) {
  const error = result.body?.error ?? {};
  if (result.status === 0) return '网络连接失败，请稍后重试。';
  if (error.code === 'invalidState') {
    if (/window has ended/.test(error.message)) return '已超过复核申请期限，不能再申请复核。';
    if (/re-review/.test(error.message)) return '您已申请复核，请耐心等待处理结果。';
    return '当前状态下不能办理此项申请。';
  }
  return ERROR_TEXT[error.code] ?? '服务暂时不可用，请稍后重试或拨打12345热线。';
}

/** Shows a message in a live region (announced by screen readers). */
export function say(region, text, kind = 'info') {
  region.textContent = text;
  region.className = kind === 'ok' ? 'notice ok' : 'notice';
  region.hidden = !text;
}

/** Marks the form fields an API answer names, with Chinese hints; returns the first one. */
export function markFields(form, fields, hints) {
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  for (const hint of form.querySelectorAll('.error')) hint.textContent = '';
  let first = null;
  for (const name of Object.keys(fields ?? {})) {
    const input = form.elements.namedItem(name);
    const hint = form.querySelector(`#${name}-error`);
    if (!input || !hint) continue;
    input.setAttribute('aria-invalid', 'true');
    hint.textContent = hints[name] ?? '请检查此项。';
    first ??= input;
  }
  return first;
}

export function formatTime(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
}

/** Fills a <dl> with [label, value] rows, skipping empty values. */
export function fillDetails(list, rows) {
  list.replaceChildren();
  for (const [label, value] of rows) {
    if (value === null || value === undefined || value === '') continue;
    const dt = document.createElement('dt');
    const dd = document.createElement('dd');
    dt.textContent = label;
    dd.textContent = value;
    list.append(dt, dd);
  }
}

/**
 * The Idempotency-Key of a submission: the same while the same text is sent again (a retry after
 * a lost answer gets the same case, never a second), a new one once the text changes. Random
 * from crypto.getRandomValues, which (unlike randomUUID) also works on plain-http intranet sites.
 */
export function submissionKeys() {
  let last = null;
  return (body) => {
    const text = JSON.stringify(body);
    if (last?.text !== text) {
      const bytes = crypto.getRandomValues(new Uint8Array(16));
      last = { text, key: Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('') };
    }
    return last.key;
  };
}
