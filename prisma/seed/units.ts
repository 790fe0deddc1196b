// A demo city (示范市): the hotline office, districts with their streets and communities,
// city departments with sub-bureaus, and the water utility.
import type { UnitKind } from '../generated/enums';

export interface UnitSeed {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  kind: UnitKind;
  dutyPhone?: string;
  children?: UnitSeed[];
}

const street = (id: string, name: string, nameEn: string, children?: UnitSeed[]): UnitSeed => ({
  id, code: id, name, nameEn, kind: 'street', children,
});

export const DEMO_UNIT_TREE: UnitSeed = {
  id: 'hotline', code: 'hotline', name: '示范市12345政务服务便民热线办公室', nameEn: 'Demo City 12345 Hotline Office', kind: 'hotlineOffice', dutyPhone: '+8653112345',
  children: [
    { id: 'donghu', code: 'donghu', name: '东湖区', nameEn: 'Donghu District', kind: 'district', dutyPhone: '+8653180010001', children: [
      street('donghu-jiefang', '解放路街道', 'Jiefang Road Subdistrict', [
        { id: 'donghu-jiefang-heping', code: 'donghu-jiefang-heping', name: '和平社区居委会', nameEn: 'Heping Community', kind: 'street' },
      ]),
      street('donghu-wenhua', '文化路街道', 'Wenhua Road Subdistrict'),
      street('donghu-qingnian', '青年路街道', 'Qingnian Road Subdistrict'),
    ] },
    { id: 'xishan', code: 'xishan', name: '西山区', nameEn: 'Xishan District', kind: 'district', dutyPhone: '+8653180020001', children: [
      street('xishan-shanqian', '山前街道', 'Shanqian Subdistrict'),
      street('xishan-baiyun', '白云街道', 'Baiyun Subdistrict'),
    ] },
    { id: 'nancheng', code: 'nancheng', name: '南城区', nameEn: 'Nancheng District', kind: 'district', dutyPhone: '+8653180030001', children: [
      street('nancheng-yingbin', '迎宾街道', 'Yingbin Subdistrict'),
      street('nancheng-hexi', '河西镇', 'Hexi Town'),
    ] },
    { id: 'beiguan', code: 'beiguan', name: '北关区', nameEn: 'Beiguan District', kind: 'district', dutyPhone: '+8653180040001', children: [
      street('beiguan-zhanqian', '站前街道', 'Zhanqian Subdistrict'),
      street('beiguan-liuzhuang', '柳庄镇', 'Liuzhuang Town'),
    ] },
    { id: 'gaoxin', code: 'gaoxin', name: '高新技术产业开发区管委会', nameEn: 'High-tech Zone Administration', kind: 'district', dutyPhone: '+8653180050001', children: [
      street('gaoxin-chuangye', '创业街道', 'Chuangye Subdistrict'),
    ] },
    { id: 'chengguan', code: 'chengguan', name: '市城市管理局', nameEn: 'City Administration Bureau', kind: 'department', dutyPhone: '+8653181010001', children: [
      { id: 'chengguan-donghu', code: 'chengguan-donghu', name: '市城市管理局东湖执法大队', nameEn: 'Donghu Enforcement Brigade', kind: 'subBureau' },
      { id: 'chengguan-xishan', code: 'chengguan-xishan', name: '市城市管理局西山执法大队', nameEn: 'Xishan Enforcement Brigade', kind: 'subBureau' },
    ] },
    { id: 'zhujian', code: 'zhujian', name: '市住房和城乡建设局', nameEn: 'Housing and Urban-Rural Development Bureau', kind: 'department', dutyPhone: '+8653181020001', children: [
      { id: 'zhujian-wuye', code: 'zhujian-wuye', name: '市物业管理服务中心', nameEn: 'Property Management Service Centre', kind: 'subBureau' },
    ] },
    { id: 'shichang', code: 'shichang', name: '市市场监督管理局', nameEn: 'Market Regulation Bureau', kind: 'department', dutyPhone: '+8653181030001', children: [
      { id: 'shichang-donghu', code: 'shichang-donghu', name: '市市场监督管理局东湖分局', nameEn: 'Market Regulation Donghu Branch', kind: 'subBureau' },
    ] },
    { id: 'gongan', code: 'gongan', name: '市公安局', nameEn: 'Public Security Bureau', kind: 'department', dutyPhone: '+8653181040001', children: [
      { id: 'gongan-huzheng', code: 'gongan-huzheng', name: '市公安局户政支队', nameEn: 'Household Registration Division', kind: 'subBureau' },
    ] },
    { id: 'shengtai', code: 'shengtai', name: '市生态环境局', nameEn: 'Ecology and Environment Bureau', kind: 'department', dutyPhone: '+8653181050001' },
    { id: 'renshe', code: 'renshe', name: '市人力资源和社会保障局', nameEn: 'Human Resources and Social Security Bureau', kind: 'department', dutyPhone: '+8653181060001' },
    { id: 'jiaotong', code: 'jiaotong', name: '市交通运输局', nameEn: 'Transport Bureau', kind: 'department', dutyPhone: '+8653181070001' },
    { id: 'jiaoyu', code: 'jiaoyu', name: '市教育局', nameEn: 'Education Bureau', kind: 'department', dutyPhone: '+8653181080001' },
    { id: 'weijian', code: 'weijian', name: '市卫生健康委员会', nameEn: 'Health Commission', kind: 'department', dutyPhone: '+8653181090001' },
    { id: 'shuiwu', code: 'shuiwu', name: '市水务集团有限公司', nameEn: 'City Water Group', kind: 'enterprise', dutyPhone: '+8653181100001' },
  ],
};

export interface FlatUnit extends Omit<UnitSeed, 'children'> {
  parentId: string | null;
  level: number;
  lineage: string[];
  sortOrder: number;
}

export function flattenUnits(root: UnitSeed): FlatUnit[] {
  const out: FlatUnit[] = [];
  const walk = (node: UnitSeed, parent: FlatUnit | null, sortOrder: number) => {
    const { children, ...unit } = node;
    const flat: FlatUnit = {
      ...unit,
      parentId: parent?.id ?? null,
      level: parent ? parent.level + 1 : 0,
      lineage: [...(parent?.lineage ?? []), node.id],
      sortOrder,
    };
    out.push(flat);
    children?.forEach((child, index) => walk(child, flat, index));
  };
  walk(root, null, 0);
  return out;
}
