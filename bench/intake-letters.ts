/** The citizens' letters and export rows bench:intake is made of: mostly UTF-8, some GB2312, some HTML-only, a few with a photo. */
import iconv from 'iconv-lite';
import { ImapFlow } from 'imapflow';
import type { DovecotServer } from '../test/support/dovecot';

export const PLACES = ['幸福路', '和平街', '人民路', '东湖公园', '湖滨新村', '建设大道', '解放路', '滨江小区', '火车站广场', '第一中学'];
export const ISSUES = [
  '夜间施工噪音扰民，已经持续一周，严重影响休息',
  '下水道堵塞，污水外溢，气味很大',
  '路灯损坏，晚上行人很危险',
  '占道经营，早高峰堵塞人行道',
  '小区电梯经常停运，老人上下楼困难',
  '公交班次太少，站台非常拥挤',
  '垃圾清运不及时，堆积发臭',
  '餐饮店油烟扰民，晚上十点后仍在营业',
  '路面塌陷，车辆通行存在安全隐患',
  '供暖温度不达标，室内只有十几度',
];
export const NAMES = ['张三', '李四', '王五', '赵六', '孙七', '周八', '吴九', '郑十', '陈女士', '刘先生'];
export const pick = <T>(list: T[], i: number) => list[i % list.length];
const b64 = (buf: Buffer) => buf.toString('base64').replace(/.{76}/g, '$&\r\n');

/** A citizen's letter: mostly UTF-8, some GB2312, some HTML-only, a few with a photo attached. */
export function benchLetter(i: number, tag: string): Buffer {
  const name = pick(NAMES, i);
  const place = pick(PLACES, i * 7);
  const issue = pick(ISSUES, i * 3);
  const subject = `关于${place}${issue.slice(0, 8)}的反映（${tag}-${i}）`;
  const body = `市长您好：\r\n${place}${(i % 50) + 1}号附近${issue}。\r\n${'希望有关部门尽快处理，谢谢！'.repeat(1 + (i % 4))}\r\n联系人：${name}，电话：138${String(10_000_000 + i).slice(-8)}。\r\n`;
  const head = (charset: string, subj: Buffer) => [
    `From: =?${charset}?B?${iconv.encode(name, charset).toString('base64')}?= <citizen${i % 500}@example.cn>`,
    'To: mayor@hub.example',
    `Subject: =?${charset}?B?${subj.toString('base64')}?=`,
    `Date: ${new Date(Date.UTC(2025, 2, 1) + i * 60_000).toUTCString()}`,
    `Message-ID: <${tag}-${i}-${Date.now().toString(36)}@example.cn>`,
    'MIME-Version: 1.0',
  ];
  const kind = i % 20;
  let lines: string[];
  if (kind < 3) {
    lines = [
      ...head('gb2312', iconv.encode(subject, 'gb2312')),
      'Content-Type: text/plain; charset="gb2312"',
      'Content-Transfer-Encoding: base64',
      '',
      b64(iconv.encode(body, 'gb2312')),
    ];
  } else if (kind < 5) {
    const html = `<html><body><p>${body.replace(/\r\n/g, '</p><p>')}</p></body></html>`;
    lines = [...head('utf-8', Buffer.from(subject)), 'Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: base64', '', b64(Buffer.from(html))];
  } else if (kind === 5) {
    const photo = Buffer.alloc(20_000, i % 251);
    photo[0] = 0xff;
    photo[1] = 0xd8;
    lines = [
      ...head('utf-8', Buffer.from(subject)),
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      b64(Buffer.from(body)),
      '--b',
      'Content-Type: image/jpeg',
      `Content-Disposition: attachment; filename="photo-${i}.jpg"`,
      'Content-Transfer-Encoding: base64',
      '',
      b64(photo),
      '--b--',
    ];
  } else {
    lines = [
      ...head('utf-8', Buffer.from(subject)),
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      b64(Buffer.from(body)),
    ];
  }
  return Buffer.from(lines.join('\r\n') + '\r\n');
}

export async function appendAll(dovecot: DovecotServer, user: string, letters: Buffer[]): Promise<void> {
  const client = new ImapFlow(dovecot.imapOptions(user));
  await client.connect();
  try {
    for (const l of letters) await client.append('INBOX', l);
  } finally {
    await client.logout();
  }
}
