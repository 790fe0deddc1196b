// The demo category tree (诉求分类) with the unit a dispatcher is offered first.
export interface CategorySeed {
  code: string;
  name: string;
  nameEn: string;
  defaultUnitId?: string;
  children?: CategorySeed[];
}

export const DEMO_CATEGORIES: CategorySeed[] = [
  { code: 'urban', name: '城市管理', nameEn: 'Urban management', defaultUnitId: 'chengguan', children: [
    { code: 'urban.street-vending', name: '占道经营', nameEn: 'Street vending', defaultUnitId: 'chengguan' },
    { code: 'urban.illegal-building', name: '违章建筑', nameEn: 'Illegal construction', defaultUnitId: 'chengguan' },
    { code: 'urban.garbage', name: '垃圾清运', nameEn: 'Waste collection', defaultUnitId: 'chengguan' },
    { code: 'urban.street-lights', name: '路灯设施', nameEn: 'Street lights', defaultUnitId: 'chengguan' },
  ] },
  { code: 'housing', name: '住房城建', nameEn: 'Housing and construction', defaultUnitId: 'zhujian', children: [
    { code: 'housing.property', name: '物业管理', nameEn: 'Property management', defaultUnitId: 'zhujian' },
    { code: 'housing.quality', name: '房屋质量', nameEn: 'Building quality', defaultUnitId: 'zhujian' },
    { code: 'housing.construction-noise', name: '施工扰民', nameEn: 'Construction disturbance', defaultUnitId: 'zhujian' },
  ] },
  { code: 'market', name: '市场监管', nameEn: 'Market regulation', defaultUnitId: 'shichang', children: [
    { code: 'market.food-safety', name: '食品安全', nameEn: 'Food safety', defaultUnitId: 'shichang' },
    { code: 'market.prices', name: '价格收费', nameEn: 'Prices and fees', defaultUnitId: 'shichang' },
    { code: 'market.consumer', name: '消费维权', nameEn: 'Consumer rights', defaultUnitId: 'shichang' },
  ] },
  { code: 'environment', name: '生态环境', nameEn: 'Environment', defaultUnitId: 'shengtai', children: [
    { code: 'environment.air', name: '大气污染', nameEn: 'Air pollution', defaultUnitId: 'shengtai' },
    { code: 'environment.water', name: '水污染', nameEn: 'Water pollution', defaultUnitId: 'shengtai' },
    { code: 'environment.noise', name: '噪声污染', nameEn: 'Noise pollution', defaultUnitId: 'shengtai' },
  ] },
  { code: 'security', name: '公共安全', nameEn: 'Public security', defaultUnitId: 'gongan', children: [
    { code: 'security.household', name: '户籍办理', nameEn: 'Household registration', defaultUnitId: 'gongan' },
    { code: 'security.public-order', name: '治安管理', nameEn: 'Public order', defaultUnitId: 'gongan' },
  ] },
  { code: 'utilities', name: '水电气暖', nameEn: 'Utilities', defaultUnitId: 'shuiwu', children: [
    { code: 'utilities.water-supply', name: '供水', nameEn: 'Water supply', defaultUnitId: 'shuiwu' },
    { code: 'utilities.drainage', name: '排水', nameEn: 'Drainage', defaultUnitId: 'shuiwu' },
    { code: 'utilities.heating', name: '供暖', nameEn: 'Heating', defaultUnitId: 'zhujian' },
  ] },
  { code: 'transport', name: '交通出行', nameEn: 'Transport', defaultUnitId: 'jiaotong', children: [
    { code: 'transport.bus', name: '公交服务', nameEn: 'Bus service', defaultUnitId: 'jiaotong' },
    { code: 'transport.taxi', name: '出租车', nameEn: 'Taxis', defaultUnitId: 'jiaotong' },
    { code: 'transport.roads', name: '道路维修', nameEn: 'Road repair', defaultUnitId: 'jiaotong' },
  ] },
  { code: 'labour', name: '劳动社保', nameEn: 'Labour and social security', defaultUnitId: 'renshe', children: [
    { code: 'labour.wage-arrears', name: '拖欠工资', nameEn: 'Wage arrears', defaultUnitId: 'renshe' },
    { code: 'labour.social-insurance', name: '社会保险', nameEn: 'Social insurance', defaultUnitId: 'renshe' },
  ] },
  { code: 'education', name: '教育', nameEn: 'Education', defaultUnitId: 'jiaoyu', children: [
    { code: 'education.enrolment', name: '入学招生', nameEn: 'School enrolment', defaultUnitId: 'jiaoyu' },
    { code: 'education.tutoring', name: '校外培训', nameEn: 'Private tutoring', defaultUnitId: 'jiaoyu' },
  ] },
  { code: 'health', name: '医疗卫生', nameEn: 'Health', defaultUnitId: 'weijian', children: [
    { code: 'health.hospital-service', name: '医疗服务', nameEn: 'Hospital service', defaultUnitId: 'weijian' },
  ] },
  { code: 'other', name: '其他', nameEn: 'Other' },
];
