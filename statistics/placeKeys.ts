// Where a case happened, as a place the statistics can count: the free-text address reduced to
// its district plus its community (社区/小区/村), else its street office (街道/镇/乡), else its
// road — "东湖区解放路与文化路交叉口" and "东湖区解放路12号" are the same place, "东湖区解放路".
// Operators type addresses freely, so this is a heuristic; docs/statistics-hotspots.md says
// what it does and does not merge.

/** Full-width digits and letters to ASCII, blanks removed. */
function compact(address: string): string {
  return address
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '');
}

/** A province or city prefix ("山东省", "示范市") says nothing the district does not. */
const REGION_PREFIX = /^(?:[^省]{2,7}省)?(?:[^市区县]{2,7}市(?=.{1,8}?(?<![小社园校])[区县旗]))?/;
/** 区 that ends a district, not 小区 / 社区 / 园区 / 校区. */
const DISTRICT = /^(.{1,8}?(?<![小社园校景])(?:区|县|旗))/;
const STREET_OFFICE = /^(.{1,8}?(?:街道|镇|乡))/;
const COMMUNITY = /([^\d号栋楼幢单元室与及、，,（(]{1,10}?(?:社区|小区|村|花园|家园|公寓|苑))/;
const ROAD = /^(.{1,10}?(?:大道|路|街|巷|胡同))/;

/** The place key of an address, or null when nothing place-like is left. */
export function placeKey(address: string | null | undefined): string | null {
  if (!address) return null;
  let rest = compact(address).replace(REGION_PREFIX, '');
  const district = DISTRICT.exec(rest)?.[1] ?? '';
  rest = rest.slice(district.length);
  const streetOffice = STREET_OFFICE.exec(rest)?.[1];
  if (streetOffice) rest = rest.slice(streetOffice.length);
  const locality = COMMUNITY.exec(rest)?.[1] ?? streetOffice ?? ROAD.exec(rest)?.[1] ?? rest.replace(/[\d#＃(（].*$/, '').slice(0, 12);
  const key = `${district}${locality}`;
  return key === '' ? null : key;
}

/** The grid cell in `row` (⌊latitude / degrees⌋) and `column` (⌊longitude / degrees⌋), with a label people can read. */
export function gridCellOf(row: number, column: number, degrees: number): { key: string; label: string } {
  const decimals = Math.max(0, Math.ceil(-Math.log10(degrees)));
  const edge = (index: number) => (index * degrees).toFixed(decimals);
  return { key: `grid:${degrees}:${row}:${column}`, label: `网格 北纬${edge(row)}–${edge(row + 1)} 东经${edge(column)}–${edge(column + 1)}` };
}
