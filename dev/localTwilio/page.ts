// The page `npm start` users open to play a citizen: place a call to the hotline (keys, speech,
// a voice from an uploaded WAV or spoken text) and send an SMS, then watch calls and messages.
// Labels in Chinese with English; everything dynamic goes through textContent (no HTML injection).
import type { LocalTwilio } from './localTwilio';

export function localPage(twilioLocal: LocalTwilio): string {
  const numbers = twilioLocal.numbers().map((n) => n.number);
  const options = numbers.map((n) => `<option>${n.replace(/[^+\d]/g, '')}</option>`).join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>本地模拟 Twilio · Local Twilio</title>
<style>
 body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem;color:#222}
 fieldset{margin-bottom:1.5rem;border:1px solid #ccc;border-radius:6px}
 label{display:block;margin:.4rem 0}
 input,select,textarea{font:inherit;padding:.2rem .4rem;min-width:20rem}
 button{font:inherit;padding:.3rem 1rem}
 pre{background:#f6f6f6;padding:.5rem;white-space:pre-wrap;font-size:.85rem}
 .hint{color:#666;font-size:.85rem}
</style></head><body>
<h1>本地模拟 Twilio <small>Local Twilio endpoint</small></h1>
<p class="hint">这里模拟市民的电话和短信；热线系统收到的是与 Twilio 相同的签名 webhook。<br>
Plays the citizen's phone: the hotline receives the same signed webhooks Twilio would send.</p>

<fieldset><legend>拨打热线 · Place a call</legend>
 <label>主叫号码 From <input id="callFrom" value="+8613800138000"></label>
 <label>被叫 To <select id="callTo">${options}</select></label>
 <label>按键/语音应答 Answers <input id="answers" placeholder="2, 说:我要反映噪音问题, 1#"></label>
 <div class="hint">逗号分隔：数字为按键，“说:”开头为语音识别结果，silence 为不应答。Comma-separated: digits are keys, "说:"/"say:" is speech, "silence" times out.</div>
 <label>语音内容 Voice text <input id="voiceText" placeholder="我家楼下施工噪音很大"></label>
 <label>或上传 WAV · or upload a WAV <input id="voiceFile" type="file" accept=".wav,audio/wav"></label>
 <label>排队等待毫秒 Hold (ms) <input id="holdMs" type="number" value="20000"></label>
 <button id="placeCall">拨打 Call</button>
</fieldset>

<fieldset><legend>发送短信 · Send an SMS</legend>
 <label>发送号码 From <input id="smsFrom" value="+8613800138000"></label>
 <label>接收 To <select id="smsTo">${options}</select></label>
 <label>内容 Body <textarea id="smsBody" rows="2">查询 </textarea></label>
 <button id="sendSms">发送 Send</button>
</fieldset>

<h2>结果 · Result</h2><pre id="result">—</pre>
<h2>通话 · Calls</h2><pre id="calls">—</pre>
<h2>短信 · Messages</h2><pre id="messages">—</pre>
<script>
const $ = (id) => document.getElementById(id);
const show = (id, value) => { $(id).textContent = typeof value === 'string' ? value : JSON.stringify(value, null, 2); };
async function api(path, init) {
  const response = await fetch('/_local' + path, init);
  const body = await response.json();
  if (!response.ok) throw new Error(body.reason || response.statusText);
  return body;
}
function parseAnswers(text) {
  return text.split(/[,，]/).map((s) => s.trim()).filter(Boolean).map((s) => {
    if (s === 'silence') return { silence: true };
    const speech = s.match(/^(说|say)[:：](.*)$/i);
    return speech ? { speech: speech[2].trim() } : { digits: s };
  });
}
async function voicePath() {
  const file = $('voiceFile').files[0];
  if (file) return (await api('/audio', { method: 'POST', body: await file.arrayBuffer() })).audioPath;
  const text = $('voiceText').value.trim();
  if (text) return (await api('/audio/speech', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) })).audioPath;
  return undefined;
}
$('placeCall').onclick = async () => {
  try {
    const audioPath = await voicePath();
    const script = { answers: parseAnswers($('answers').value), holdMs: Number($('holdMs').value) || undefined, ...(audioPath ? { audioPath } : {}) };
    show('result', await api('/calls', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: $('callFrom').value.trim(), to: $('callTo').value, script }) }));
  } catch (error) { show('result', String(error)); }
};
$('sendSms').onclick = async () => {
  try {
    show('result', await api('/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: $('smsFrom').value.trim(), to: $('smsTo').value, body: $('smsBody').value }) }));
  } catch (error) { show('result', String(error)); }
};
async function refresh() {
  try {
    const { calls } = await api('/calls');
    show('calls', calls.slice(-10).reverse().map((c) => c.createdAt + '  ' + c.from + ' → ' + c.to + '  ' + c.status + '\\n   ' + c.said.join(' / ')).join('\\n') || '—');
    const { messages } = await api('/messages');
    show('messages', messages.slice(-15).reverse().map((m) => m.dateCreated + '  ' + m.from + ' → ' + m.to + '  [' + m.status + ']  ' + m.body).join('\\n') || '—');
  } catch (error) { show('calls', String(error)); }
}
setInterval(refresh, 2000); refresh();
</script></body></html>`;
}
