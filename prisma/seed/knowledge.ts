// A few knowledge-base articles an operator can answer from at first contact.
export const DEMO_ARTICLES = [
  {
    id: 'kb-residence-permit', title: '居住证如何办理？', categoryCode: 'security.household', keywords: ['居住证', '暂住', '办理'],
    answers: [
      '在本市居住半年以上，并有合法稳定就业、稳定住所或连续就读条件之一的，可携带身份证、住所证明到居住地派出所或政务服务中心申领居住证。',
      '也可通过“示范市政务服务网”在线申请，审核通过后到派出所领取，办理时限为15个工作日。',
    ],
  },
  {
    id: 'kb-social-insurance-query', title: '如何查询个人社保缴费记录？', categoryCode: 'labour.social-insurance', keywords: ['社保', '缴费记录', '查询'],
    answers: [
      '可登录人社局网站或“掌上人社”应用，使用身份证号实名登录后查询个人缴费明细。',
      '也可携带身份证到各区社保经办窗口或自助终端打印缴费记录。',
    ],
  },
  {
    id: 'kb-heating-start', title: '本市供暖季何时开始？', categoryCode: 'utilities.heating', keywords: ['供暖', '暖气', '开始时间'],
    answers: ['本市法定供暖期为每年11月15日至次年3月15日，遇极端天气可提前或延长，以市住建局公告为准。'],
  },
];
