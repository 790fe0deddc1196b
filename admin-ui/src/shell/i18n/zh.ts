// Chinese (default) messages of the app itself, under the `hotline` namespace.
// en.ts must have exactly the same keys (checked by the AppMessages type).

export const zh = {
  hotline: {
    app: {
      title: '12345 政务服务便民热线',
    },
    roles: {
      operator: '话务员',
      dispatcher: '派单审核员',
      unitHandler: '承办人',
      unitLeader: '承办单位领导',
      supervisor: '督办员',
      auditor: '审计员',
      admin: '系统管理员',
    },
    auth: {
      invalidCredentials: '用户名或密码错误',
      sessionExpired: '登录已过期，请重新登录',
      unexpectedResponse: '登录服务返回了无法识别的响应',
    },
    dashboard: {
      title: '首页',
      greeting: '您好，%{name}',
      roles: '角色',
      unit: '所属单位',
      noRoles: '未分配角色',
      noUnit: '未分配单位',
    },
    health: {
      title: '系统状态',
      refresh: '刷新',
      loadError: '无法获取系统状态',
      unexpectedResponse: '健康检查返回了无法识别的响应',
      version: '版本 %{version}',
      updatedAt: '更新于 %{time}',
      status: {
        ok: '运行正常',
        attention: '运行正常，有待处理的问题',
        degraded: '部分服务异常',
      },
      ok: '正常',
      failed: '异常',
      attention: '待处理',
      checks: {
        postgres: '数据库（PostgreSQL）',
        temporal: '工作流引擎（Temporal）',
        calendar: '工作日历',
        stuckCases: '卡住的工单',
      },
      warnings: {
        calendarMissingYear: '工作日历未覆盖 %{year} 年，无法计算办理时限，请导入 %{year} 年日历',
        calendarEndsThisYear: '工作日历只到今年年底，跨年的办理时限要等导入或录入 %{year} 年日历后才能计算',
        calendarGap: '工作日历不连续，缺少 %{years} 年：这些日子暂按周一至周五计算，涉及的办理时限为暂定。请在工作日历中删除不相邻的年份，或补齐缺少的年份',
        casesStuck: '%{count} 个写入步骤失败，等待重试；最早的是%{subject}（%{step}），自 %{since} 起',
      },
      latency: '响应 %{ms} 毫秒',
      namespace: '命名空间 %{namespace}',
      coveredThrough: '已覆盖至 %{year} 年',
      notCovered: '尚未导入任何年份',
      noneStuck: '没有卡住的工单',
      calendarWarning: '工作日历覆盖不足',
      yearSeparator: '、',
    },
  },
};

export type AppMessages = typeof zh;
