// Synthetic volume for benchmarks and index checks: cases `from`..`to` inserted straight into
// the projection by PostgreSQL itself (no workflows), spread over 6 types, 16 statuses, 4
// categories, 7 units and Chinese titles. Needs the demo seed (units, categories, types).
export async function insertSyntheticCases(query: (sql: string) => Promise<unknown>, from: number, to: number): Promise<void> {
  for (let start = from; start <= to; start += 100_000) {
    const end = Math.min(to, start + 99_999);
    await query(`
      INSERT INTO "Case" (id, "workflowId", channel, "caseTypeCode", "categoryId", urgency, status, title, content, "citizenPhone", address,
                          "leadUnitId", "receivedAt", "registeredAt", "handleDueAt", "warningLevel", "projectionVersion", "updatedAt")
      SELECT lpad(i::text, 13, '0'), lpad(i::text, 13, '0'), 'phone', (ARRAY['consultation','complaint','report','help','suggestion','opinion'])[1 + i % 6],
             (ARRAY['cat-urban.street-vending','cat-housing.property','cat-market.food-safety','cat-environment.noise'])[1 + i % 4], 'normal',
             (enum_range(NULL::"CaseStatus"))[1 + i % 16],
             (ARRAY['夜市占道经营','小区物业不作为','餐馆后厨卫生','夜间施工噪音','路灯不亮'])[1 + i % 5] || ' #' || i,
             '市民反映：' || (ARRAY['解放路','文化路','青年路','山前街','迎宾路'])[1 + i % 5] || '附近问题，编号' || i,
             '+86139' || lpad((i % 500000)::text, 8, '0'), '东湖区',
             (ARRAY['donghu','chengguan','zhujian','shichang','xishan','nancheng','donghu-jiefang'])[1 + i % 7],
             now() - (i || ' seconds')::interval, now() - (i || ' seconds')::interval, now() + (i % 30 || ' days')::interval,
             (ARRAY['green','yellow','red']::"WarningLevel"[])[1 + i % 3], 1, now()
      FROM generate_series(${start}, ${end}) AS i`);
  }
  await query('ANALYZE "Case"');
}
