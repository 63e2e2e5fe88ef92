/** Mails to citizens about their own request (the answer itself is `answerToCitizen`). */

/** The receipt: number and 查询码, and where to look the request up. */
export function receiptMail(a: { number: string; lookupCode: string; name: string | null; link: string }) {
  return {
    subject: `您的诉求已受理（工单编号 ${a.number}）`,
    text: [
      `${a.name || '您'}：`,
      '',
      `您好！您反映的问题已受理，工单编号 ${a.number}，查询码 ${a.lookupCode}。`,
      `凭工单编号和查询码可随时查询办理进度：${a.link}`,
      '',
      '查询码请妥善保管，不要告诉他人。本邮件由系统发出。',
    ].join('\n'),
  };
}

/** 回访: once replied, the requester is asked how it went (the link expires). */
export function surveyMail(a: { number: string; name: string | null; link: string; expiresAt: string }) {
  return {
    subject: `请评价工单 ${a.number} 的办理情况`,
    text: [
      `${a.name || '您'}：`,
      '',
      `您好！您反映的问题（工单编号 ${a.number}）已答复。请用一分钟告诉我们办理情况：`,
      a.link,
      '',
      `链接在 ${a.expiresAt} 前有效，只能评价一次。感谢您的支持！`,
    ].join('\n'),
  };
}
